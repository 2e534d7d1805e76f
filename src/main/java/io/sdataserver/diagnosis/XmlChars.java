package io.sdataserver.diagnosis;

/**
 * The characters an XML 1.0 document can carry (tab, newline, carriage return, and from U+0020 on, without
 * surrogates, U+FFFE and U+FFFF). Everything the server stores is written back as XML 1.0, so a value with any other
 * character is refused on the way in, and text echoed in a diagnosis is made printable.
 */
public final class XmlChars {
    private XmlChars() { }

    public static boolean allowed(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }

    /** The first code point XML 1.0 cannot carry, or -1. */
    public static int firstIllegal(String s) {
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            if (!allowed(c) || (Character.isSurrogate(s.charAt(i)) && Character.charCount(c) == 1)) return c;
            i += Character.charCount(c);
        }
        return -1;
    }

    /** {@code U+0001} style, for messages. */
    public static String name(int c) { return String.format("U+%04X", c); }

    /** The text with each character XML 1.0 cannot carry written as U+XXXX, cut after about {@code max} characters. */
    public static String printable(String s, int max) {
        if (s == null) return null;
        StringBuilder b = new StringBuilder(Math.min(s.length(), max) + 8);
        int i = 0;
        while (i < s.length() && b.length() < max) {
            int c = s.codePointAt(i);
            boolean lone = Character.isSurrogate(s.charAt(i)) && Character.charCount(c) == 1;
            if (allowed(c) && !lone) b.appendCodePoint(c);
            else b.append(name(c));
            i += Character.charCount(c);
        }
        return i < s.length() ? b.append("...").toString() : b.toString();
    }
}
