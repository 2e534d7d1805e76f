package io.sdataserver.store;

import io.sdataserver.contract.EntityType;
import io.sdataserver.contract.ResourceKind;
import io.sdataserver.diagnosis.Diagnosis;
import io.sdataserver.diagnosis.SDataCode;
import io.sdataserver.payload.ResourceState;
import io.sdataserver.store.SqlFragment.QType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs feed queries in the database: the count, one page (by position, or after a cursor), and the cursor of a
 * page's last row. A page costs what its rows cost: the sort is served by an index, the offset is replaced by the
 * cursor on {@code next} links, and counts are cached until the dataset next changes.
 */
public final class CollectionQueries {
    private static final int COUNT_CACHE_SIZE = 4096;
    /** Longest query text whose count is cached: the cache stays a few megabytes whatever clients send. */
    private static final int MAX_CACHED_QUERY = 2048;
    /** Rows held at once while a page streams out. */
    private static final int BATCH = 50;

    private final Database db;
    private final ResourceReader reader;
    private final TableStamps stamps;
    private final Map<String, long[]> counts = new LinkedHashMap<>(256, 0.75f, true) {
        @Override protected boolean removeEldestEntry(Map.Entry<String, long[]> e) { return size() > COUNT_CACHE_SIZE; }
    };

    public CollectionQueries(Database db, ResourceStore store) {
        this.db = db;
        this.reader = store.reader();
        this.stamps = new TableStamps(db.dialect());
    }

    public Selection select(EntityType type, ResourceKind kind) { return new Selection(db, type, kind); }

    /**
     * A text that changes whenever anything the selection's feed can show or count changes, in this dataset: the
     * validator behind feed ETags. The sum of the stamps of the tables it reads, and which tables those are (a
     * contract that makes a feed read one more table changes it too).
     */
    public String validator(UnitOfWork uow, String ds, Selection sel) {
        List<String> tables = sel.reads();
        return read(uow, c -> stamps.sum(c, ds, tables)) + " " + String.join(",", tables);
    }

    /**
     * How many rows the selection holds; cached against the stamps of the tables it reads, so paging through a feed
     * counts once and a write anywhere else leaves the count cached.
     */
    public long count(UnitOfWork uow, String ds, Selection sel) {
        SqlFragment cond = sel.condition(ds);
        String cacheKey = sel.layout().tableId() + '\u0001' + cond.identity();
        // a unit with uncommitted changes of its own counts them; such a count is nobody else's
        boolean cacheable = !uow.hasChanges() && cacheKey.length() <= MAX_CACHED_QUERY;
        return read(uow, c -> {
            // read before counting, in one statement: a change after this point moves the sum on
            long stamp = stamps.sum(c, ds, sel.reads());
            synchronized (counts) {
                long[] hit = cacheable ? counts.get(cacheKey) : null;
                if (hit != null && hit[0] == stamp) return hit[1];
            }
            long n;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + sel.layout().table() + " t WHERE "
                    + cond.sql())) {
                cond.bind(ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    n = rs.getLong(1);
                }
            }
            if (cacheable) { // huge expressions are counted each time, not kept
                synchronized (counts) {
                    counts.put(cacheKey, new long[] {stamp, n});
                }
            }
            return n;
        });
    }

    /**
     * Streams the page to the sink as rows arrive, each resource with its children and links. {@code after} is a
     * cursor from {@link #cursorOfLast}; when given, {@code offset} is ignored.
     */
    public void page(UnitOfWork uow, String ds, Selection sel, long offset, String after, int limit, Consumer<ResourceState> sink) {
        TableLayout l = sel.layout();
        SqlFragment q = pageQuery(ds, sel, Rows.selectList(l), after);
        read(uow, c -> {
            try (PreparedStatement ps = c.prepareStatement(q.sql() + " LIMIT ? OFFSET ?")) {
                ps.setFetchSize(Math.min(limit, 100));
                int i = q.bind(ps, 1);
                ps.setInt(i, limit);
                ps.setLong(i + 1, after != null ? 0 : offset);
                // rows go out in batches: each batch's children and links are read with one query per relationship
                List<ResourceState> batch = new ArrayList<>(BATCH);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ResourceState s = Rows.map(l, rs);
                        reader.addParentLink(l, s, Rows.parentTable(rs), Rows.parentKey(rs));
                        batch.add(s);
                        if (batch.size() == BATCH) emit(c, ds, l, batch, sink);
                    }
                }
                emit(c, ds, l, batch, sink);
            }
            return null;
        });
    }

    private void emit(Connection c, String ds, TableLayout l, List<ResourceState> batch, Consumer<ResourceState> sink)
            throws SQLException {
        reader.loadRelations(c, ds, l, batch);
        batch.forEach(sink);
        batch.clear();
    }

    /** The cursor after the {@code limit}-th row of the page, or null when the page has fewer rows. */
    public String cursorOfLast(UnitOfWork uow, String ds, Selection sel, long offset, String after, int limit) {
        if (limit <= 0) return null;
        List<Selection.Order> order = sel.fullOrder();
        List<Object> pieces = new ArrayList<>();
        pieces.add("SELECT ");
        for (int i = 0; i < order.size(); i++) {
            if (i > 0) pieces.add(", ");
            pieces.add(order.get(i).value());
        }
        pieces.add(pageQuery(ds, sel, null, after));
        SqlFragment q = SqlFragment.concat(QType.STRING, pieces.toArray());
        return read(uow, c -> {
            try (PreparedStatement ps = c.prepareStatement(q.sql() + " LIMIT 1 OFFSET ?")) {
                int i = q.bind(ps, 1);
                ps.setLong(i, (after != null ? 0 : offset) + limit - 1);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return null;
                    List<Object> values = new ArrayList<>();
                    for (int k = 0; k < order.size(); k++) values.add(Cursor.read(rs, k + 1, order.get(k).value().type()));
                    return Cursor.encode(values, order);
                }
            }
        });
    }

    /**
     * A read-only query. A data exception raised while the database evaluates the expression (division by zero, an
     * overflow, a bad argument to a function) is the client's expression at fault: 400, not 500.
     */
    private static <T> T read(UnitOfWork uow, ResourceStore.Work<T> work) {
        return uow.run(c -> {
            try {
                return work.run(c);
            } catch (SQLException e) {
                String state = e.getSQLState();
                if (state != null && (state.startsWith("22") || state.startsWith("54"))) { // data exception, program limit
                    throw new StoreFault(StoreFault.Reason.INVALID, List.of(Diagnosis.error(SDataCode.BadWhereSyntax,
                            "the expression cannot be evaluated on this data: " + firstLine(e.getMessage()))));
                }
                throw e;
            }
        });
    }

    private static String firstLine(String m) {
        if (m == null) return "data exception";
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** Whether a cursor text fits this selection's order (a tampered or foreign one does not). */
    public boolean isCursor(Selection sel, String after) { return Cursor.decode(after, sel.fullOrder()) != null; }

    /** {@code [SELECT cols] FROM table t WHERE condition [AND after-cursor] ORDER BY ...}; cols null: FROM onwards. */
    private SqlFragment pageQuery(String ds, Selection sel, String cols, String after) {
        List<Selection.Order> order = sel.fullOrder();
        List<Object> p = new ArrayList<>();
        if (cols != null) p.add("SELECT " + cols);
        p.add(" FROM " + sel.layout().table() + " t WHERE ");
        p.add(sel.condition(ds));
        if (after != null) {
            List<Object> values = Cursor.decode(after, order);
            if (values == null) throw new IllegalArgumentException("not a cursor of this feed");
            p.add(" AND ");
            p.add(afterCondition(sel, order, values));
        }
        p.add(" ORDER BY ");
        for (int i = 0; i < order.size(); i++) {
            Selection.Order o = order.get(i);
            if (i > 0) p.add(", ");
            p.add(o.value());
            p.add(o.descending() ? " DESC NULLS FIRST" : " ASC NULLS LAST");
        }
        return SqlFragment.concat(QType.STRING, p.toArray());
    }

    /**
     * Rows strictly after the cursor in the full order (a lexicographic comparison that knows where nulls sort),
     * led by a plain range on the first term so that the database walks its index from the cursor on.
     */
    private static SqlFragment afterCondition(Selection sel, List<Selection.Order> order, List<Object> values) {
        List<Object> p = new ArrayList<>();
        Selection.Order first = order.get(0);
        Object v0 = values.get(0);
        if (v0 != null) {
            SqlFragment b = value(sel, first, v0);
            if (first.descending()) p.addAll(List.of("(", first.value(), " <= ", b, ") AND "));
            else p.addAll(List.of("(", first.value(), " >= ", b, " OR ", first.value(), " IS NULL) AND "));
        }
        p.add("(");
        for (int i = 0; i < order.size(); i++) {
            if (i > 0) p.add(" OR ");
            p.add("(");
            for (int j = 0; j < i; j++) {
                p.add(equal(sel, order.get(j), values.get(j)));
                p.add(" AND ");
            }
            p.add(after(sel, order.get(i), values.get(i)));
            p.add(")");
        }
        p.add(")");
        return SqlFragment.concat(QType.BOOLEAN, p.toArray());
    }

    private static SqlFragment equal(Selection sel, Selection.Order o, Object v) {
        if (v == null) return SqlFragment.concat(QType.BOOLEAN, "(", o.value(), " IS NULL)");
        return SqlFragment.concat(QType.BOOLEAN, "(", o.value(), " = ", value(sel, o, v), ")");
    }

    private static SqlFragment after(Selection sel, Selection.Order o, Object v) {
        if (o.descending()) {
            if (v == null) return SqlFragment.concat(QType.BOOLEAN, "(", o.value(), " IS NOT NULL)");
            return SqlFragment.concat(QType.BOOLEAN, "(", o.value(), " < ", value(sel, o, v), ")");
        }
        if (v == null) return SqlFragment.of("(1 = 0)", QType.BOOLEAN);
        return SqlFragment.concat(QType.BOOLEAN, "(", o.value(), " > ", value(sel, o, v), " OR ", o.value(), " IS NULL)");
    }

    private static SqlFragment value(Selection sel, Selection.Order o, Object v) {
        QType t = o.value().type();
        return SqlFragment.bound(sel.translator().cast(t), t, Cursor.bindType(t), v);
    }
}
