package io.sdataserver.query;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser for the query language (§2.12): one method per priority level of the spec's operator
 * table, lowest binding first. Binary operators associate to the left, unary ones to the right. The {@code and} of
 * {@code between} is consumed by the between itself, so {@code x between 1 and 5 and y eq 2} is a conjunction.
 */
public final class WhereParser {
    private static final Set<String> COMPARISONS = Set.of("eq", "ne", "lt", "le", "gt", "ge");
    private static final Set<String> RESERVED = Set.of("or", "and", "not", "eq", "ne", "lt", "le", "gt", "ge", "between",
            "in", "like", "mul", "div", "mod", "asc", "desc");

    /** Deeper nesting than this is refused (400), so that no expression can exhaust the parser's stack. */
    static final int MAX_DEPTH = 64;

    private final List<Token> tokens;
    private int at;
    private int depth;

    /** More tokens than this is refused (400): a query is a filter, not a program, and its SQL must stay small. */
    static final int MAX_TOKENS = 4096;

    private WhereParser(String text) {
        this.tokens = Lexer.tokens(text, MAX_TOKENS);
        if (tokens.size() > MAX_TOKENS) {
            throw new QuerySyntaxException("expression longer than " + MAX_TOKENS + " tokens", tokens.get(MAX_TOKENS).pos());
        }
    }

    /** Parses a complete where-expression or selector clause. */
    public static Expr parse(String text) {
        WhereParser p = new WhereParser(text);
        if (p.peek().kind() == Token.Kind.END) throw new QuerySyntaxException("empty expression", 1);
        Expr e = p.or();
        p.expectEnd();
        return e;
    }

    /** Parses an orderBy list: {@code path [asc|desc] {, path [asc|desc]}}. */
    public static List<SortKey> parseOrderBy(String text) {
        WhereParser p = new WhereParser(text);
        List<SortKey> keys = new ArrayList<>();
        do {
            Token t = p.peek();
            if (t.kind() != Token.Kind.WORD || RESERVED.contains(t.text().toLowerCase())) {
                throw new QuerySyntaxException("property name expected in orderBy", t.pos());
            }
            Expr.Path path = p.path();
            boolean desc = false;
            if (p.peek().is("desc")) { desc = true; p.at++; } else if (p.peek().is("asc")) p.at++;
            keys.add(new SortKey(path, desc));
        } while (p.accept(","));
        p.expectEnd();
        return keys;
    }

    // -------------------------------------------------------------- levels, lowest binding first

    private Expr or() {
        if (++depth > MAX_DEPTH) throw new QuerySyntaxException("expression nested more than " + MAX_DEPTH + " levels deep", peek().pos());
        try {
            return orLevel();
        } finally {
            depth--;
        }
    }

    private Expr orLevel() {
        Expr left = and();
        while (peek().is("or")) {
            Token op = take();
            left = new Expr.Binary("or", left, and(), op.pos());
        }
        return left;
    }

    private Expr and() {
        Expr left = comparison();
        while (peek().is("and")) {
            Token op = take();
            left = new Expr.Binary("and", left, comparison(), op.pos());
        }
        return left;
    }

    private Expr comparison() {
        Expr left = additive();
        while (true) {
            Token t = peek();
            String w = t.kind() == Token.Kind.WORD ? t.text().toLowerCase() : "";
            if (COMPARISONS.contains(w)) {
                take();
                left = new Expr.Binary(w, left, additive(), t.pos());
            } else if (w.equals("between")) {
                take();
                Expr low = additive();
                if (!peek().is("and")) throw new QuerySyntaxException("'and' expected in between", peek().pos());
                take();
                left = new Expr.Between(left, low, additive(), t.pos());
            } else if (w.equals("in")) {
                take();
                expect("(");
                List<Expr> items = new ArrayList<>();
                do items.add(or()); while (accept(","));
                expect(")");
                left = new Expr.In(left, items, t.pos());
            } else if (w.equals("like")) {
                take();
                left = new Expr.Like(left, additive(), t.pos());
            } else {
                return left;
            }
        }
    }

    private Expr additive() {
        Expr left = multiplicative();
        while (peek().is("+") || peek().is("-")) {
            Token op = take();
            left = new Expr.Binary(op.text(), left, multiplicative(), op.pos());
        }
        return left;
    }

    private Expr multiplicative() {
        Expr left = unary();
        while (peek().is("mul") || peek().is("div") || peek().is("mod")) {
            Token op = take();
            left = new Expr.Binary(op.text().toLowerCase(), left, unary(), op.pos());
        }
        return left;
    }

    private Expr unary() {
        Token t = peek();
        if (t.is("-") || t.is("not")) {
            take();
            if (++depth > MAX_DEPTH) throw new QuerySyntaxException("expression nested more than " + MAX_DEPTH + " levels deep", t.pos());
            Expr operand = unary();
            depth--;
            // -17 is a literal, so that the smallest long and exact decimals need no arithmetic
            if (t.is("-") && operand instanceof Expr.Literal lit && lit.value() instanceof BigDecimal n) {
                return new Expr.Literal(n.negate(), t.pos());
            }
            return new Expr.Unary(t.text().toLowerCase(), operand, t.pos());
        }
        return primary();
    }

    private Expr primary() {
        Token t = peek();
        switch (t.kind()) {
            case NUMBER:
                take();
                return new Expr.Literal(new BigDecimal(t.text()), t.pos());
            case STRING:
                take();
                return new Expr.Literal(t.text(), t.pos());
            case DATE:
                take();
                return new Expr.Literal(temporal(t), t.pos());
            case VARIABLE:
                take();
                return new Expr.Variable(t.text(), t.pos());
            case SYMBOL:
                if (t.is("(")) {
                    take();
                    Expr e = or();
                    expect(")");
                    return e;
                }
                throw new QuerySyntaxException("unexpected '" + t.text() + "'", t.pos());
            case END:
                throw new QuerySyntaxException("expression ends too early", t.pos());
            default:
                break;
        }
        String w = t.text().toLowerCase();
        if (w.equals("true") || w.equals("false")) {
            take();
            return new Expr.Literal(Boolean.valueOf(w), t.pos());
        }
        if (w.equals("null")) {
            take();
            return new Expr.Literal(null, t.pos());
        }
        if (RESERVED.contains(w)) throw new QuerySyntaxException("operand expected before '" + t.text() + "'", t.pos());
        if (tokens.get(at + 1).is("(")) {
            take();
            take();
            List<Expr> args = new ArrayList<>();
            if (!accept(")")) {
                do args.add(or()); while (accept(","));
                expect(")");
            }
            return new Expr.Call(t.text(), args, t.pos());
        }
        return path();
    }

    private Expr.Path path() {
        Token first = take();
        List<String> names = new ArrayList<>();
        names.add(first.text());
        while (peek().is(".")) {
            take();
            Token n = peek();
            if (n.kind() != Token.Kind.WORD) throw new QuerySyntaxException("property name expected after '.'", n.pos());
            names.add(take().text());
        }
        return new Expr.Path(List.copyOf(names), first.pos());
    }

    /** {@code @2008-05-19@}, {@code @2008-05-19T18:41:00@} (local), with {@code Z} or {@code +02:00}. */
    private static Object temporal(Token t) {
        String s = t.text().trim();
        try {
            if (s.length() == 10) return LocalDate.parse(s);
            if (s.endsWith("Z") || s.endsWith("z") || s.matches(".*T.*[+-]\\d\\d:\\d\\d$")) {
                return OffsetDateTime.parse(s.endsWith("z") ? s.substring(0, s.length() - 1) + "Z" : s);
            }
            return LocalDateTime.parse(s);
        } catch (DateTimeParseException e) {
            throw new QuerySyntaxException("'@" + t.text() + "@' is not a date (@YYYY-MM-DD@) or timestamp"
                    + " (@YYYY-MM-DDThh:mm:ss[Z|+hh:mm]@)", t.pos());
        }
    }

    // -------------------------------------------------------------- token helpers

    private Token peek() { return tokens.get(at); }

    private Token take() { return tokens.get(at++); }

    private boolean accept(String symbol) {
        if (peek().is(symbol)) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(String symbol) {
        if (!accept(symbol)) throw new QuerySyntaxException("'" + symbol + "' expected", peek().pos());
    }

    private void expectEnd() {
        Token t = peek();
        if (t.kind() != Token.Kind.END) throw new QuerySyntaxException("unexpected '" + t.text() + "'", t.pos());
    }
}
