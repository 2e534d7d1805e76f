package io.sdataserver.pipeline;

import io.sdataserver.diagnosis.SDataException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of an SData URL after the dataset segment (§2), parsed once: segments such as {@code salesOrders},
 * {@code salesOrders('43660')}, {@code salesOrders(orderNumber eq '1')}, {@code $schema}, {@code $post('id')}.
 * Percent-encoded forms ({@code %24schema}) are decoded as UTF-8 first (§2.16).
 */
public final class SDataPath {
    /** A segment: its name and, when it has parentheses, either a key (quoted) or a clause. */
    public record Segment(String name, String key, String clause) {
        public boolean hasSelector() { return key != null || clause != null; }
    }

    private final List<Segment> segments;

    private SDataPath(List<Segment> segments) { this.segments = segments; }

    public List<Segment> segments() { return segments; }

    public static SDataPath parse(String rawRest) {
        String decoded = percentDecode(rawRest);
        List<Segment> out = new ArrayList<>();
        for (String s : split(decoded)) {
            if (s.isEmpty()) continue; // tolerate a trailing or doubled slash
            out.add(segment(s));
        }
        return new SDataPath(out);
    }

    private static Segment segment(String s) {
        int open = s.indexOf('(');
        if (open < 0) {
            if (s.indexOf(')') >= 0 || s.indexOf('\'') >= 0 || s.indexOf('"') >= 0) throw SDataException.badUrl("malformed URL segment: " + s);
            return new Segment(s, null, null);
        }
        if (!s.endsWith(")")) throw SDataException.badUrl("malformed URL segment (no closing parenthesis): " + s);
        String name = s.substring(0, open);
        String inner = s.substring(open + 1, s.length() - 1);
        if (name.isEmpty()) throw SDataException.badUrl("malformed URL segment: " + s);
        // URL-6: a selector starting with a quote is a key; double quotes too, as the npm sdata-client sends them
        if (inner.startsWith("'") || inner.startsWith("\"")) {
            char quote = inner.charAt(0);
            if (inner.length() < 2 || inner.charAt(inner.length() - 1) != quote) {
                throw SDataException.badUrl("unterminated key in segment: " + s);
            }
            String body = inner.substring(1, inner.length() - 1);
            StringBuilder key = new StringBuilder();
            for (int i = 0; i < body.length(); i++) {
                char c = body.charAt(i);
                if (c == quote) {
                    if (i + 1 < body.length() && body.charAt(i + 1) == quote) {
                        key.append(quote);
                        i++;
                    } else {
                        throw SDataException.badUrl("a quote inside a key must be doubled: " + s);
                    }
                } else {
                    key.append(c);
                }
            }
            return new Segment(name, key.toString(), null);
        }
        if (inner.isBlank()) throw SDataException.badUrl("empty selector in segment: " + s);
        return new Segment(name, null, inner);
    }

    /** Splits on slashes that are outside quotes and parentheses. */
    private static List<String> split(String s) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0; // the quote a string was opened with; a doubled quote closes and reopens it
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote == 0 && (c == '\'' || c == '"')) quote = c;
            else if (c == quote) quote = 0;
            else if (quote == 0 && c == '(') depth++;
            else if (quote == 0 && c == ')') depth--;
            boolean quoted = quote != 0;
            if (c == '/' && !quoted && depth == 0) {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quote != 0 || depth != 0) throw SDataException.badUrl("unbalanced quotes or parentheses in " + s);
        parts.add(cur.toString());
        return parts;
    }

    /** RFC 3986 percent-decoding as UTF-8 ('+' stays '+': this is a path, not a form). */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) return s;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%') {
                if (i + 2 >= bytes.length) throw SDataException.badUrl("incomplete percent-encoding in the URL");
                int hi = Character.digit(bytes[i + 1], 16);
                int lo = Character.digit(bytes[i + 2], 16);
                if (hi < 0 || lo < 0) throw SDataException.badUrl("invalid percent-encoding in the URL");
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
