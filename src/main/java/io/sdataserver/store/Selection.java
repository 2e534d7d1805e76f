package io.sdataserver.store;

import io.sdataserver.contract.EntityType;
import io.sdataserver.contract.ResourceKind;
import io.sdataserver.query.Expr;
import io.sdataserver.query.SortKey;
import io.sdataserver.store.SqlFragment.QType;
import java.util.ArrayList;
import java.util.List;

/**
 * Which rows of one entity type a feed shows and in which order: the scope (a whole kind, the children of one
 * resource, or the targets of an association), the where-condition and the sort keys. The order always ends with a
 * unique key, so that pages neither skip nor repeat rows. Built once per request; runs as SQL in the database.
 */
public final class Selection {
    /** One ORDER BY term; {@code descending} puts nulls first, ascending puts them last (nulls are the largest). */
    record Order(SqlFragment value, boolean descending) { }

    private final Database db;
    private final TableLayout layout;
    private final ExpressionSql translator;
    private SqlFragment scope;
    private SqlFragment where;
    private boolean listOrder;
    private final List<Order> orders = new ArrayList<>();
    private final List<String> sortWarnings = new ArrayList<>();
    private final java.util.SortedSet<String> reads;

    Selection(Database db, EntityType type, ResourceKind kind) {
        this.db = db;
        this.layout = db.layout(type);
        this.translator = new ExpressionSql(db, layout, kind);
        this.reads = new java.util.TreeSet<>(db.reads(layout));
    }

    /** Restricts the feed to the children of one resource (a child-list property URL); list order by default. */
    public Selection childrenOf(EntityType parentType, String parentKey, String property) {
        scope = SqlFragment.concat(QType.BOOLEAN, "t.parent_tbl = ", str(db.layout(parentType).tableId()),
                " AND t.parent_key = ", str(parentKey), " AND t.parent_prop = ", str(property));
        listOrder = true;
        return this;
    }

    /** Restricts the feed to the resources an association or reference list of one resource points at. */
    public Selection linkedFrom(EntityType ownerType, String ownerKey, String property) {
        io.sdataserver.contract.Property source = db.mirrorSource(ownerType.property(property));
        if (source != null) {
            // the read-only direction of a bidirectional association: the resources whose list points at the owner
            scope = SqlFragment.concat(QType.BOOLEAN, "t.k IN (SELECT owner_key FROM sd_links WHERE ds = t.ds AND owner_tbl = ",
                    str(layout.tableId()), " AND prop = ", str(source.name()), " AND target_tbl = ",
                    str(db.layout(ownerType).tableId()), " AND target_key = ", str(ownerKey), ")");
            return this;
        }
        reads.add(db.layout(ownerType).tableId()); // the owner's link rows: they move the owner's table stamp
        scope = SqlFragment.concat(QType.BOOLEAN, "t.k IN (SELECT target_key FROM sd_links WHERE ds = t.ds AND owner_tbl = ",
                str(db.layout(ownerType).tableId()), " AND owner_key = ", str(ownerKey), " AND prop = ", str(property), ")");
        return this;
    }

    /** Adds the where-condition; a fault is a QuerySyntaxException. */
    public Selection where(Expr e) {
        where = translator.condition(e);
        return this;
    }

    /**
     * Sets the sort keys; a fault is a QuerySyntaxException. A key this server cannot sort by (a path through a
     * collection) is left out and named in {@link #sortWarnings()}: the feed is sorted by the others (§6.3).
     */
    public Selection orderBy(List<SortKey> keys) {
        for (SortKey k : keys) {
            try {
                orders.add(new Order(translator.path(k.path()), k.descending()));
            } catch (io.sdataserver.query.QuerySyntaxException e) {
                if (!e.isUnsupported()) throw e;
                sortWarnings.add("orderBy: " + e.getMessage() + "; the feed is sorted by the other keys");
            }
        }
        return this;
    }

    /** The sort keys left out, each with the reason. */
    public List<String> sortWarnings() { return List.copyOf(sortWarnings); }

    TableLayout layout() { return layout; }

    /**
     * The tables whose stamps validate this selection's rows and their representation: those its table's feeds read
     * ({@link Database#reads}) and, for the targets of a list, the list owner's table, which its link rows belong to.
     * A mirrored list's link rows belong to this table's type, already among them.
     */
    List<String> reads() { return List.copyOf(reads); }

    ExpressionSql translator() { return translator; }

    /** The condition without paging: dataset, scope and where. */
    SqlFragment condition(String ds) {
        List<Object> parts = new ArrayList<>();
        parts.add(SqlFragment.bound("t.ds = ?", QType.BOOLEAN, io.sdataserver.contract.ValueType.STRING, ds));
        if (scope != null) { parts.add(" AND "); parts.add(scope); }
        if (where != null) { parts.add(" AND "); parts.add(where); }
        return SqlFragment.concat(QType.BOOLEAN, parts.toArray());
    }

    /** The full order: the requested keys, then list position for children, then the key as tiebreaker. */
    List<Order> fullOrder() {
        List<Order> all = new ArrayList<>(orders);
        if (orders.isEmpty() && listOrder) all.add(new Order(SqlFragment.of("t.pos", QType.NUMBER), false));
        boolean lastDesc = !all.isEmpty() && all.get(all.size() - 1).descending();
        all.add(new Order(SqlFragment.of("t.k", QType.STRING), lastDesc));
        return all;
    }

    private SqlFragment str(String value) {
        return SqlFragment.bound(translator.cast(QType.STRING), QType.STRING, io.sdataserver.contract.ValueType.STRING, value);
    }
}
