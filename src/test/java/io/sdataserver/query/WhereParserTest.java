package io.sdataserver.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The parser on its own: the spec's priority table, associativity, literals and the positions of faults. */
class WhereParserTest {
    /** The tree as a fully parenthesised S-expression, so that a test states the grouping it expects. */
    private static String tree(Expr e) {
        if (e instanceof Expr.Literal l) {
            Object v = l.value();
            return v == null ? "null" : v instanceof String s ? "'" + s + "'" : v instanceof BigDecimal n ? n.toPlainString() : v.toString();
        }
        if (e instanceof Expr.Path p) return p.dotted();
        if (e instanceof Expr.Variable v) return "$" + v.name();
        if (e instanceof Expr.Call c) return c.function() + "(" + c.args().stream().map(WhereParserTest::tree).collect(Collectors.joining(" ")) + ")";
        if (e instanceof Expr.Unary u) return "(" + u.op() + " " + tree(u.operand()) + ")";
        if (e instanceof Expr.Binary b) return "(" + b.op() + " " + tree(b.left()) + " " + tree(b.right()) + ")";
        if (e instanceof Expr.Between b) return "(between " + tree(b.value()) + " " + tree(b.low()) + " " + tree(b.high()) + ")";
        if (e instanceof Expr.In in) return "(in " + tree(in.value()) + " " + in.items().stream().map(WhereParserTest::tree).collect(Collectors.joining(" ")) + ")";
        Expr.Like l = (Expr.Like) e;
        return "(like " + tree(l.value()) + " " + tree(l.pattern()) + ")";
    }

    private static String parse(String text) { return tree(WhereParser.parse(text)); }

    @Test
    void prioritiesFollowTheSpecsTable() {
        assertEquals("(+ (mul 2 5) (mul 3 2))", parse("2 mul 5 + 3 mul 2"));
        assertEquals("(mul (mul 2 (+ 5 3)) 2)", parse("2 mul (5 + 3) mul 2"));
        assertEquals("(or (eq 1 1) (and (eq 1 2) (eq 1 3)))", parse("1 eq 1 or 1 eq 2 and 1 eq 3"));
        assertEquals("(and (or (eq 1 1) (eq 1 2)) (eq 1 3))", parse("(1 eq 1 or 1 eq 2) and 1 eq 3"));
        assertEquals("(eq (+ a (mul b c)) d)", parse("a + b mul c eq d"));
    }

    @Test
    void binaryOperatorsAssociateLeftUnaryRight() {
        assertEquals("(- (- a b) c)", parse("a - b - c"));
        assertEquals("(div (div a b) c)", parse("a div b div c"));
        assertEquals("(or (or a b) c)", parse("a or b or c"));
        assertEquals("(not (not a))", parse("not not a"));
        assertEquals("(- (- a))", parse("- - a"));
    }

    @Test
    void theNotAndBetweenTraps() {
        assertEquals("(eq (not a) b)", parse("not a eq b"), "not binds tighter than eq");
        assertEquals("(not (eq a b))", parse("not (a eq b)"));
        assertEquals("(and (between x 1 5) (eq y 2))", parse("x between 1 and 5 and y eq 2"));
        assertEquals("(between x (+ 1 1) (mul 2 3))", parse("x between 1 + 1 and 2 mul 3"));
    }

    @Test
    void inLikeMembersAndCalls() {
        assertEquals("(in countryCode 'GB' 'US')", parse("countryCode in ('GB','US')"));
        assertEquals("(like name 'A%')", parse("name like 'A%'"));
        assertEquals("(eq billAddress.city 'Paris')", parse("billAddress.city eq 'Paris'"));
        assertEquals("(between left(name 1) 'A' 'N')", parse("left(name, 1) between 'A' and 'N'"));
        assertEquals("(gt currentDate() x)", parse("currentDate() gt x"));
        assertEquals("(eq $uuid 'x')", parse("$uuid eq 'x'"));
    }

    @Test
    void literals() {
        assertEquals("(eq a 'O'Brien')", parse("a eq 'O''Brien'"));
        assertEquals("(eq a 'O'Brien')", parse("a eq \"O'Brien\""));
        assertEquals("(eq a 'say \"hi\"')", parse("a eq \"say \"\"hi\"\"\""));
        assertEquals("(eq a 17.50)", parse("a eq 17.50"));
        assertEquals("(eq a -3)", parse("a eq -3"));
        Expr.Binary d = (Expr.Binary) WhereParser.parse("d eq @2008-05-19@");
        assertEquals(LocalDate.of(2008, 5, 19), ((Expr.Literal) d.right()).value());
        Expr.Binary local = (Expr.Binary) WhereParser.parse("d eq @2008-05-19T18:41:00@");
        assertTrue(((Expr.Literal) local.right()).value() instanceof LocalDateTime);
        Expr.Binary zoned = (Expr.Binary) WhereParser.parse("d eq @2008-05-19T18:41:00.250+02:00@");
        assertEquals(OffsetDateTime.parse("2008-05-19T18:41:00.250+02:00"), ((Expr.Literal) zoned.right()).value());
        assertEquals("(and (eq a true) (ne b null))", parse("a EQ TRUE AND b ne null"));
    }

    @Test
    void orderByLists() {
        List<SortKey> keys = WhereParser.parseOrderBy("orderDate desc, billAddress.city, name ASC");
        assertEquals(3, keys.size());
        assertEquals("orderDate", keys.get(0).path().dotted());
        assertTrue(keys.get(0).descending());
        assertEquals("billAddress.city", keys.get(1).path().dotted());
        assertEquals(false, keys.get(1).descending());
        assertEquals(false, keys.get(2).descending());
    }

    private static int faultAt(String text) {
        return assertThrows(QuerySyntaxException.class, () -> WhereParser.parse(text), text).position();
    }

    @Test
    void faultsNameTheirPosition() {
        assertEquals(13, faultAt("subTotal gt "), "the end of the text");
        assertEquals(15, faultAt("subTotal gt 15,0"));
        assertEquals(9, faultAt("name eq 'abc"));
        assertEquals(6, faultAt("a eq @2008-13-45@"));
        assertEquals(1, faultAt(""));
        assertEquals(8, faultAt("(a eq 1"), "the closing parenthesis is missing at the end");
        assertEquals(7, faultAt("a eq 1) or b"));
        assertEquals(3, faultAt("a # b"));
        assertEquals(6, faultAt("a eq 12abc"));
        assertEquals(1, faultAt("eq 1"));
        assertThrows(QuerySyntaxException.class, () -> WhereParser.parse("(".repeat(100_000) + "a eq 1" + ")".repeat(100_000)));
        assertThrows(QuerySyntaxException.class, () -> WhereParser.parse("not ".repeat(100_000) + "a"));
        assertThrows(QuerySyntaxException.class, () -> WhereParser.parse("f(".repeat(100_000) + "1"));
        assertEquals("(eq a 1)", parse("(".repeat(WhereParser.MAX_DEPTH - 1) + "a eq 1" + ")".repeat(WhereParser.MAX_DEPTH - 1)));
        assertThrows(QuerySyntaxException.class, () -> WhereParser.parse("a eq 1" + " or a eq 1".repeat(100_000)));
        assertThrows(QuerySyntaxException.class, () -> WhereParser.parseOrderBy("name sideways"));
        assertThrows(QuerySyntaxException.class, () -> WhereParser.parseOrderBy("name desc,"));
    }
}
