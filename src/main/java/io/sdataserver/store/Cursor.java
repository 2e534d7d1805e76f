package io.sdataserver.store;

import io.sdataserver.contract.ValueType;
import io.sdataserver.store.SqlFragment.QType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The sort values of the last entry of a page, carried in the {@code next} link (QRY-10), so the following page
 * starts right after it through the index instead of counting past every earlier row. Opaque to clients: each
 * value is base64url text, {@code n} marks a null.
 */
final class Cursor {
    private Cursor() { }

    static String encode(List<Object> values, List<Selection.Order> order) {
        StringBuilder sb = new StringBuilder(signature(order));
        for (Object v : values) {
            sb.append('.');
            sb.append(v == null ? "n" : "v" + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(lexical(v).getBytes(StandardCharsets.UTF_8)));
        }
        return sb.toString();
    }

    /** The values typed as the sort terms; null when the text is not a cursor of this order. */
    static List<Object> decode(String text, List<Selection.Order> order) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != order.size() + 1 || !parts[0].equals(signature(order))) return null;
        List<Object> out = new ArrayList<>();
        try {
            for (int i = 0; i < order.size(); i++) {
                String p = parts[i + 1];
                if (p.equals("n")) {
                    out.add(null);
                } else if (p.startsWith("v")) {
                    String s = new String(Base64.getUrlDecoder().decode(p.substring(1)), StandardCharsets.UTF_8);
                    out.add(parse(s, order.get(i).value().type()));
                } else {
                    return null;
                }
            }
        } catch (RuntimeException e) {
            return null;
        }
        return out;
    }

    /** Ties a cursor to the order it was made for: a cursor of another orderBy is refused, not misread. */
    private static String signature(List<Selection.Order> order) {
        StringBuilder sb = new StringBuilder();
        for (Selection.Order o : order) sb.append(o.value().sql()).append(o.descending() ? " d;" : " a;");
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return "s" + Base64.getUrlEncoder().withoutPadding().encodeToString(d).substring(0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Object read(ResultSet rs, int i, QType t) throws SQLException {
        Object v;
        switch (t) {
            case NUMBER: v = rs.getBigDecimal(i); break;
            case DATE: v = rs.getObject(i, LocalDate.class); break;
            case DATETIME: v = rs.getObject(i, OffsetDateTime.class); break;
            case TIME: v = rs.getObject(i, LocalTime.class); break;
            case BOOLEAN: v = rs.getBoolean(i); break;
            default: v = rs.getString(i);
        }
        return rs.wasNull() ? null : v;
    }

    static ValueType bindType(QType t) {
        switch (t) {
            case NUMBER: return ValueType.DECIMAL;
            case DATE: return ValueType.DATE;
            case DATETIME: return ValueType.DATETIME;
            case TIME: return ValueType.TIME;
            case BOOLEAN: return ValueType.BOOLEAN;
            default: return ValueType.STRING;
        }
    }

    private static String lexical(Object v) {
        return v instanceof BigDecimal n ? n.toPlainString() : v.toString();
    }

    private static Object parse(String s, QType t) {
        switch (t) {
            case NUMBER: return new BigDecimal(s);
            case DATE: return LocalDate.parse(s);
            case DATETIME: return OffsetDateTime.parse(s);
            case TIME: return LocalTime.parse(s);
            case BOOLEAN: return Boolean.valueOf(s);
            default: return s;
        }
    }
}
