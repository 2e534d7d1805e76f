package io.sdataserver.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SQL identifiers derived from contract names: quoted, sanitized, and short enough for PostgreSQL (63 bytes). */
final class Names {
    private static final int MAX = 60;

    private Names() { }

    static String identifier(String raw) {
        String s = raw.replaceAll("[^A-Za-z0-9_]", "_").toLowerCase();
        if (s.length() > MAX) s = s.substring(0, MAX - 9) + "_" + hash(raw);
        return s;
    }

    static String quote(String identifier) { return "\"" + identifier + "\""; }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
