package io.sdataserver.query;

import java.util.ArrayList;
import java.util.List;

/** Splits query-language text into tokens (§2.12): words, $variables, numbers, quoted strings, @dates@, symbols. */
final class Lexer {
    private final String src;
    private int i;

    private Lexer(String src) { this.src = src; }

    /** The tokens, ending with END; stops early (without END) once there are more than {@code limit}. */
    static List<Token> tokens(String src, int limit) {
        Lexer l = new Lexer(src);
        List<Token> out = new ArrayList<>();
        Token t;
        do {
            t = l.next();
            out.add(t);
        } while (t.kind() != Token.Kind.END && out.size() <= limit);
        return out;
    }

    private Token next() {
        while (i < src.length() && Character.isWhitespace(src.charAt(i))) i++;
        int start = i + 1;
        if (i >= src.length()) return new Token(Token.Kind.END, "", start);
        char c = src.charAt(i);
        if (Character.isLetter(c) || c == '_') return new Token(Token.Kind.WORD, word(), start);
        if (c == '$') {
            i++;
            if (i >= src.length() || !(Character.isLetter(src.charAt(i)) || src.charAt(i) == '_')) {
                throw new QuerySyntaxException("'$' must be followed by a variable name", start);
            }
            return new Token(Token.Kind.VARIABLE, word(), start);
        }
        if (Character.isDigit(c)) return number(start);
        if (c == '\'' || c == '"') return string(c, start);
        if (c == '@') return date(start);
        if ("(),.+-".indexOf(c) >= 0) {
            i++;
            return new Token(Token.Kind.SYMBOL, String.valueOf(c), start);
        }
        throw new QuerySyntaxException("unexpected character '" + c + "'", start);
    }

    private String word() {
        int s = i;
        while (i < src.length() && (Character.isLetterOrDigit(src.charAt(i)) || src.charAt(i) == '_')) i++;
        return src.substring(s, i);
    }

    private Token number(int start) {
        int s = i;
        while (i < src.length() && Character.isDigit(src.charAt(i))) i++;
        if (i + 1 < src.length() && src.charAt(i) == '.' && Character.isDigit(src.charAt(i + 1))) {
            i++;
            while (i < src.length() && Character.isDigit(src.charAt(i))) i++;
        }
        if (i < src.length() && (Character.isLetter(src.charAt(i)) || src.charAt(i) == '_')) {
            throw new QuerySyntaxException("malformed number '" + src.substring(s, i + 1) + "'", start);
        }
        return new Token(Token.Kind.NUMBER, src.substring(s, i), start);
    }

    /** A quoted string: the other quote needs no escape, the same quote is doubled. */
    private Token string(char quote, int start) {
        StringBuilder sb = new StringBuilder();
        i++;
        while (true) {
            if (i >= src.length()) throw new QuerySyntaxException("string not closed by " + quote, start);
            char c = src.charAt(i++);
            if (c == quote) {
                if (i < src.length() && src.charAt(i) == quote) {
                    sb.append(quote);
                    i++;
                } else {
                    return new Token(Token.Kind.STRING, sb.toString(), start);
                }
            } else {
                sb.append(c);
            }
        }
    }

    private Token date(int start) {
        int end = src.indexOf('@', i + 1);
        if (end < 0) throw new QuerySyntaxException("date or timestamp not closed by '@'", start);
        String text = src.substring(i + 1, end);
        i = end + 1;
        return new Token(Token.Kind.DATE, text, start);
    }
}
