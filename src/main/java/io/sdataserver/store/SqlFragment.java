package io.sdataserver.store;

import io.sdataserver.contract.ValueType;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A piece of SQL with its bound values in textual order, and the query-language type of what it computes.
 * Values never enter the text: a literal is always a {@code ?}.
 */
record SqlFragment(String sql, List<Bind> binds, QType type) {
    /** The types the query language distinguishes; enumerations are strings. */
    enum QType { STRING, NUMBER, BOOLEAN, DATE, DATETIME, TIME, UUID, NULL }

    record Bind(ValueType type, Object value) { }

    static SqlFragment of(String sql, QType type) { return new SqlFragment(sql, List.of(), type); }

    static SqlFragment bound(String sql, QType type, ValueType vt, Object value) {
        return new SqlFragment(sql, List.of(new Bind(vt, value)), type);
    }

    /** Joins parts with separators: {@code parts[0] + seps[0] + parts[1] ...}; pieces may be Strings or fragments. */
    static SqlFragment concat(QType type, Object... pieces) {
        StringBuilder sb = new StringBuilder();
        List<Bind> binds = new ArrayList<>();
        for (Object p : pieces) {
            if (p instanceof SqlFragment f) {
                sb.append(f.sql());
                binds.addAll(f.binds());
            } else {
                sb.append(p);
            }
        }
        return new SqlFragment(sb.toString(), List.copyOf(binds), type);
    }

    /** Binds this fragment's values starting at parameter index {@code from}; returns the next free index. */
    int bind(PreparedStatement ps, int from) throws SQLException {
        int i = from;
        for (Bind b : binds) Rows.bind(ps, i++, b.type(), b.value());
        return i;
    }

    /** A cache key for the statement and its values. */
    String identity() {
        StringBuilder sb = new StringBuilder(sql);
        for (Bind b : binds) sb.append('\u0000').append(b.type()).append(':').append(b.value());
        return sb.toString();
    }
}
