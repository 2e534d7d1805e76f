package io.sdataserver.store;

import io.sdataserver.contract.EntityType;
import io.sdataserver.contract.Property;
import io.sdataserver.contract.ValueType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one entity type is stored: one table with the resource identity and concurrency columns, one column per
 * simple property (so queries run in the database), and key and uuid columns per single reference. Children live
 * in their own type's table and point back with parent_tbl/parent_key/parent_prop.
 */
public final class TableLayout {
    /** A column and what it holds. kind: V value, S decimal scale, LK link key, LU link uuid. */
    public record Column(String name, Property property, String kind, String sqlType) { }

    private final EntityType type;
    private final String table;
    private final String sequence;
    private final List<Column> columns = new ArrayList<>();
    private final Map<String, Column> valueColumns = new LinkedHashMap<>();
    private final Map<String, Column[]> linkColumns = new LinkedHashMap<>();
    private final Map<String, Column> scaleColumns = new LinkedHashMap<>();

    TableLayout(String contractName, EntityType type, Dialect dialect) {
        this.type = type;
        String base = Names.identifier("sd_" + contractName + "_" + type.baseName());
        this.table = Names.quote(base);
        this.sequence = Names.quote(Names.identifier("sq_" + contractName + "_" + type.baseName()));
        for (Property p : type.properties()) {
            if (p.isSimple()) {
                Column c = new Column(Names.quote(Names.identifier("p_" + p.name())), p, "V", dialect.columnType(p.valueType()));
                columns.add(c);
                valueColumns.put(p.name(), c);
                if (p.valueType() == ValueType.DECIMAL) {
                    Column s = new Column(Names.quote(Names.identifier("s_" + p.name())), p, "S", "SMALLINT");
                    columns.add(s);
                    scaleColumns.put(p.name(), s);
                }
            } else if (p.isSingleLink()) {
                Column k = new Column(Names.quote(Names.identifier("l_" + p.name())), p, "LK", "VARCHAR(200)");
                Column u = new Column(Names.quote(Names.identifier("u_" + p.name())), p, "LU", "VARCHAR(36)");
                columns.add(k);
                columns.add(u);
                linkColumns.put(p.name(), new Column[] {k, u});
            }
        }
    }

    public EntityType type() { return type; }
    public String table() { return table; }
    /** The table name as written in parent_tbl and link rows (unquoted). */
    public String tableId() { return table.substring(1, table.length() - 1); }
    public String sequence() { return sequence; }
    public List<Column> columns() { return columns; }
    public Column valueColumn(Property p) { return valueColumns.get(p.name()); }
    public Column scaleColumn(Property p) { return scaleColumns.get(p.name()); }
    public Column linkKeyColumn(Property p) { Column[] c = linkColumns.get(p.name()); return c == null ? null : c[0]; }
    public Column linkUuidColumn(Property p) { Column[] c = linkColumns.get(p.name()); return c == null ? null : c[1]; }
}
