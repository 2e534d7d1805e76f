package io.sdataserver.query;

import java.util.List;

/**
 * A parsed query-language expression (§2.12). Every node keeps the 1-based character position where it starts, so
 * that a fault found later (an unknown property, a type mismatch) can still be reported at its place.
 */
public sealed interface Expr {
    int pos();

    /** A literal; {@code value} is a String, BigDecimal, Boolean, LocalDate, LocalDateTime, OffsetDateTime or null. */
    record Literal(Object value, int pos) implements Expr { }

    /** A property path such as {@code billAddress.city}. */
    record Path(List<String> names, int pos) implements Expr {
        public String dotted() { return String.join(".", names); }
    }

    /** A protocol variable such as {@code $updated}; the name is kept without the dollar sign. */
    record Variable(String name, int pos) implements Expr { }

    record Call(String function, List<Expr> args, int pos) implements Expr { }

    /** {@code -x} or {@code not x}. */
    record Unary(String op, Expr operand, int pos) implements Expr { }

    /** {@code or and eq ne lt le gt ge + - mul div mod}. */
    record Binary(String op, Expr left, Expr right, int pos) implements Expr { }

    record Between(Expr value, Expr low, Expr high, int pos) implements Expr { }

    record In(Expr value, List<Expr> items, int pos) implements Expr { }

    record Like(Expr value, Expr pattern, int pos) implements Expr { }
}
