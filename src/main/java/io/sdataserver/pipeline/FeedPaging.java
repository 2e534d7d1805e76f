package io.sdataserver.pipeline;

import io.sdataserver.ServerConfig;
import io.sdataserver.diagnosis.SDataException;
import java.math.BigInteger;

/**
 * The paging parameters of a feed request (§6.4): 1-based startIndex, count capped at the server's maximum (a cap,
 * not a refusal: QRY-8), and the cursor a next link carries.
 */
public record FeedPaging(long startIndex, int count, String cursor) {
    static final String CURSOR = "_cursor";

    static FeedPaging of(Query query, ServerConfig config) {
        long startIndex = number("startIndex", query.first("startIndex"), 1, 1, Long.MAX_VALUE / 2);
        int count = (int) Math.min(number("count", query.first("count"), config.defaultPageSize(), 0, Integer.MAX_VALUE),
                config.maxPageSize());
        String cursor = query.first(CURSOR);
        return new FeedPaging(startIndex, count, cursor == null || cursor.isBlank() ? null : cursor);
    }

    /** A whole number; above {@code max} reduced to it, below {@code min} refused. */
    private static long number(String name, String value, long dflt, long min, long max) {
        if (value == null || value.isBlank()) return dflt;
        String v = value.trim();
        if (!v.matches("[+-]?\\d+")) throw SDataException.badParameter(name + " must be a whole number (got '" + value + "')");
        BigInteger n = new BigInteger(v.startsWith("+") ? v.substring(1) : v);
        if (n.compareTo(BigInteger.valueOf(min)) < 0) {
            throw SDataException.badParameter(name + " must be at least " + min + " (got " + value + ")");
        }
        return n.compareTo(BigInteger.valueOf(max)) > 0 ? max : n.longValue();
    }
}
