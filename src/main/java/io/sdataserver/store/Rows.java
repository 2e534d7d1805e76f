package io.sdataserver.store;

import io.sdataserver.contract.Property;
import io.sdataserver.contract.ValueType;
import io.sdataserver.payload.LinkTarget;
import io.sdataserver.payload.ResourceState;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Binds typed values to statements and maps result rows to {@link ResourceState}: the only JDBC type mapping. */
final class Rows {
    /** The identity columns every resource table starts with, in select-list order. */
    static final String IDENTITY = "ds, k, uuid, etag, ver, updated, parent_tbl, parent_key, parent_prop, pos, published, updated_by";
    private static final int IDENTITY_COUNT = 12;

    private Rows() { }

    static String selectList(TableLayout l) {
        StringBuilder sb = new StringBuilder(IDENTITY);
        for (TableLayout.Column c : l.columns()) sb.append(", ").append(c.name());
        return sb.toString();
    }

    static ResourceState map(TableLayout l, ResultSet rs) throws SQLException {
        OffsetDateTime updated = rs.getObject(6, OffsetDateTime.class);
        ResourceState s = new ResourceState(l.type(), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                updated.toInstant());
        OffsetDateTime published = rs.getObject(11, OffsetDateTime.class);
        if (published != null) s.published(published.toInstant());
        s.updatedBy(rs.getString(12));
        int i = IDENTITY_COUNT + 1;
        String linkKey = null;
        for (TableLayout.Column c : l.columns()) {
            Property p = c.property();
            switch (c.kind()) {
                case "V":
                    s.values().put(p.name(), read(rs, i, p.valueType()));
                    break;
                case "S": {
                    Object v = s.values().get(p.name());
                    int scale = rs.getInt(i);
                    if (v instanceof BigDecimal && !rs.wasNull()) {
                        s.values().put(p.name(), ((BigDecimal) v).setScale(scale, java.math.RoundingMode.UNNECESSARY));
                    }
                    break;
                }
                case "LK":
                    linkKey = rs.getString(i);
                    break;
                default: // LU
                    if (linkKey != null) s.links().put(p.name(), new LinkTarget(linkKey, rs.getString(i)));
                    linkKey = null;
            }
            i++;
        }
        return s;
    }

    static String parentTable(ResultSet rs) throws SQLException { return rs.getString(7); }
    static String parentKey(ResultSet rs) throws SQLException { return rs.getString(8); }

    private static Object read(ResultSet rs, int i, ValueType t) throws SQLException {
        Object v;
        switch (t) {
            case BOOLEAN: v = rs.getBoolean(i); break;
            case INT: v = rs.getInt(i); break;
            case LONG: v = rs.getLong(i); break;
            case INTEGER: case DECIMAL: v = rs.getBigDecimal(i); break;
            case DOUBLE: v = rs.getDouble(i); break;
            case DATE: v = rs.getObject(i, LocalDate.class); break;
            case DATETIME: v = rs.getObject(i, OffsetDateTime.class); break;
            case TIME: v = rs.getObject(i, LocalTime.class); break;
            default: v = rs.getString(i);
        }
        return rs.wasNull() ? null : v;
    }

    static void bind(PreparedStatement ps, int i, ValueType t, Object v) throws SQLException {
        if (v == null) {
            ps.setNull(i, sqlType(t));
            return;
        }
        switch (t) {
            case BOOLEAN: ps.setBoolean(i, (Boolean) v); break;
            case INT: ps.setInt(i, (Integer) v); break;
            case LONG: ps.setLong(i, (Long) v); break;
            case INTEGER: case DECIMAL: ps.setBigDecimal(i, (BigDecimal) v); break;
            case DOUBLE: ps.setDouble(i, (Double) v); break;
            case DATETIME: ps.setObject(i, ((OffsetDateTime) v).withOffsetSameInstant(ZoneOffset.UTC)); break;
            case DATE: case TIME: ps.setObject(i, v); break;
            default: ps.setString(i, v.toString());
        }
    }

    private static int sqlType(ValueType t) {
        switch (t) {
            case BOOLEAN: return Types.BOOLEAN;
            case INT: return Types.INTEGER;
            case LONG: return Types.BIGINT;
            case INTEGER: case DECIMAL: return Types.NUMERIC;
            case DOUBLE: return Types.DOUBLE;
            case DATE: return Types.DATE;
            case DATETIME: return Types.TIMESTAMP_WITH_TIMEZONE;
            case TIME: return Types.TIME;
            default: return Types.VARCHAR;
        }
    }
}
