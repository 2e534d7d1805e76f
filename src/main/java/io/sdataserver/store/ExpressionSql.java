package io.sdataserver.store;

import io.sdataserver.contract.Property;
import io.sdataserver.contract.ResourceKind;
import io.sdataserver.contract.ValueType;
import io.sdataserver.query.Expr;
import io.sdataserver.query.QuerySyntaxException;
import io.sdataserver.store.SqlFragment.QType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Translates a query-language expression (§2.12) into SQL over a resource table aliased {@code t}. Member paths
 * through single children, references and the parent become correlated subqueries, so the whole filter and sort run
 * inside the database. Types are checked here: a mismatch is a {@link QuerySyntaxException} at the operand's position.
 */
final class ExpressionSql {
    /** Protocol variables this server answers (§2.12); {@code $uuid} only on kinds with hasUuid. */
    static final List<String> VARIABLES = List.of("key", "uuid", "updated", "published", "title");
    /** Longest member path: each step is a nested subquery. */
    private static final int MAX_PATH = 16;
    private static final Set<String> DATE_PARTS = Set.of("year", "month", "day", "hour", "minute", "second");

    private final Database db;
    private final Dialect dialect;
    private final TableLayout root;
    private final ResourceKind kind;
    private int aliases;

    ExpressionSql(Database db, TableLayout root, ResourceKind kind) {
        this.db = db;
        this.dialect = db.dialect();
        this.root = root;
        this.kind = kind;
    }

    /** The SQL condition for a where-expression or selector clause. */
    SqlFragment condition(Expr e) {
        checkMix(e);
        SqlFragment f = expr(e);
        if (f.type() != QType.BOOLEAN) throw new QuerySyntaxException("the expression is not a condition (it computes a "
                + f.type().name().toLowerCase(Locale.ROOT) + ")", e.pos());
        return f;
    }

    /** The SQL value of a property path (orderBy). */
    SqlFragment path(Expr.Path p) { return pathSql("t", root, p, 0); }

    /** Variables and properties may only be mixed as {@code Q1 and Q2}, each side pure (QL-11). */
    private static void checkMix(Expr e) {
        if (e instanceof Expr.Binary b && b.op().equals("and")) {
            checkMix(b.left());
            checkMix(b.right());
            return;
        }
        boolean[] uses = new boolean[2];
        scan(e, uses);
        if (uses[0] && uses[1]) {
            throw new QuerySyntaxException("protocol variables and properties may only be combined as"
                    + " '<variables condition> and <properties condition>'", e.pos());
        }
    }

    private static void scan(Expr e, boolean[] uses) {
        if (e instanceof Expr.Variable) uses[0] = true;
        else if (e instanceof Expr.Path) uses[1] = true;
        else if (e instanceof Expr.Call c) c.args().forEach(a -> scan(a, uses));
        else if (e instanceof Expr.Unary u) scan(u.operand(), uses);
        else if (e instanceof Expr.Binary b) { scan(b.left(), uses); scan(b.right(), uses); }
        else if (e instanceof Expr.Between b) { scan(b.value(), uses); scan(b.low(), uses); scan(b.high(), uses); }
        else if (e instanceof Expr.In in) { scan(in.value(), uses); in.items().forEach(a -> scan(a, uses)); }
        else if (e instanceof Expr.Like l) { scan(l.value(), uses); scan(l.pattern(), uses); }
    }

    private SqlFragment expr(Expr e) {
        if (e instanceof Expr.Literal l) return literal(l);
        if (e instanceof Expr.Path p) return pathOrConstant(p);
        if (e instanceof Expr.Variable v) return variable(v);
        if (e instanceof Expr.Call c) return Functions.call(this, c, args(c.args()));
        if (e instanceof Expr.Unary u) return unary(u);
        if (e instanceof Expr.Binary b) return binary(b);
        if (e instanceof Expr.Between b) return between(b);
        if (e instanceof Expr.In in) return in(in);
        return like((Expr.Like) e);
    }

    private List<SqlFragment> args(List<Expr> args) {
        List<SqlFragment> out = new ArrayList<>();
        for (Expr a : args) out.add(expr(a));
        return out;
    }

    Dialect dialect() { return dialect; }

    // ------------------------------------------------------------------ leaves

    SqlFragment literal(Expr.Literal l) {
        Object v = l.value();
        if (v == null) return SqlFragment.of("NULL", QType.NULL);
        if (v instanceof String s) return SqlFragment.bound(cast(QType.STRING), QType.STRING, ValueType.STRING, s);
        if (v instanceof Boolean b) return SqlFragment.bound("CAST(? AS BOOLEAN)", QType.BOOLEAN, ValueType.BOOLEAN, b);
        if (v instanceof BigDecimal n) {
            // Whole numbers bind as BIGINT: integer division stays integral and integer columns keep their indexes.
            if (n.scale() <= 0 && n.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0) {
                return SqlFragment.bound("CAST(? AS BIGINT)", QType.NUMBER, ValueType.LONG, n.longValueExact());
            }
            return SqlFragment.bound(cast(QType.NUMBER), QType.NUMBER, ValueType.DECIMAL, n);
        }
        if (v instanceof LocalDate d) return SqlFragment.bound("CAST(? AS DATE)", QType.DATE, ValueType.DATE, d);
        OffsetDateTime ts = v instanceof LocalDateTime ldt
                ? ldt.atZone(ZoneId.systemDefault()).toOffsetDateTime() // no zone: the provider's local time (§2.12)
                : (OffsetDateTime) v;
        return SqlFragment.bound(cast(QType.DATETIME), QType.DATETIME, ValueType.DATETIME, ts);
    }

    SqlFragment typedNull(QType t) { return SqlFragment.of(cast(t).replace("?", "NULL"), t); }

    String cast(QType t) {
        switch (t) {
            case STRING: case UUID: return "CAST(? AS VARCHAR)";
            case NUMBER: return "CAST(? AS " + dialect.columnType(ValueType.DECIMAL) + ")";
            case DATETIME: return "CAST(? AS TIMESTAMP WITH TIME ZONE)";
            case DATE: return "CAST(? AS DATE)";
            case TIME: return "CAST(? AS TIME)";
            default: return "CAST(? AS BOOLEAN)";
        }
    }

    private SqlFragment variable(Expr.Variable v) {
        String name = v.name();
        switch (name) {
            case "key": return SqlFragment.of("t.k", QType.STRING);
            case "uuid":
                if (kind != null && kind.hasUuid()) return SqlFragment.of("t.uuid_lc", QType.UUID);
                break;
            case "updated": return SqlFragment.of("t.updated", QType.DATETIME);
            case "published": return SqlFragment.of("COALESCE(t.published, t.updated)", QType.DATETIME);
            case "title":
                // the entry title is "<kind label> <key>" (see the Atom representation)
                if (kind != null) {
                    return SqlFragment.concat(QType.STRING,
                            SqlFragment.bound(cast(QType.STRING), QType.STRING, ValueType.STRING, titlePrefix()), " || t.k");
                }
                break;
            default:
                break;
        }
        throw new QuerySyntaxException("protocol variable $" + name + " is not supported here; supported: "
                + String.join(", ", variables(kind)), v.pos());
    }

    private String titlePrefix() {
        String label = kind.label() != null && !kind.label().isBlank() ? kind.label() : kind.elementName();
        return label + " ";
    }

    static List<String> variables(ResourceKind kind) {
        List<String> out = new ArrayList<>();
        for (String v : VARIABLES) if (!v.equals("uuid") || kind == null || kind.hasUuid()) out.add("$" + v);
        return out;
    }

    /** A path, or a zero-argument function written without parentheses ({@code currentDate}). */
    private SqlFragment pathOrConstant(Expr.Path p) {
        if (p.names().size() == 1 && root.type().property(p.names().get(0)) == null
                && Functions.isConstant(p.names().get(0))) {
            return Functions.call(this, new Expr.Call(p.names().get(0), List.of(), p.pos()), List.of());
        }
        return pathSql("t", root, p, 0);
    }

    /** The value of {@code p.names[i..]} seen from the row {@code alias} of table {@code l}. */
    private SqlFragment pathSql(String alias, TableLayout l, Expr.Path p, int i) {
        if (p.names().size() > MAX_PATH) {
            throw new QuerySyntaxException("a member path has at most " + MAX_PATH + " steps", p.pos());
        }
        String name = p.names().get(i);
        boolean last = i == p.names().size() - 1;
        Property prop = l.type().property(name);
        if (prop == null) {
            throw new QuerySyntaxException("'" + name + "' is not a property of " + l.type().typeName(), p.pos());
        }
        if (prop.isSimple()) {
            SqlFragment col = SqlFragment.of(alias + "." + l.valueColumn(prop).name(), qtype(prop.valueType()));
            if (last) return col;
            String part = p.names().get(i + 1);
            if (i + 2 == p.names().size() && DATE_PARTS.contains(part)
                    && (col.type() == QType.DATE || col.type() == QType.DATETIME || col.type() == QType.TIME)) {
                return Functions.call(this, new Expr.Call(part, List.of(), p.pos()), List.of(col));
            }
            throw new QuerySyntaxException("'" + name + "' is a simple property; it has no member '" + part + "'", p.pos());
        }
        if (prop.isCollection()) {
            throw QuerySyntaxException.unsupported("'" + name + "' is a collection; query it through its property URL", p.pos());
        }
        if (prop.isSingleLink() && last) return SqlFragment.of(alias + "." + l.linkKeyColumn(prop).name(), QType.STRING);
        if (last) throw new QuerySyntaxException("'" + name + "' is a relationship; name one of its properties", p.pos());
        if (prop.target() == null) throw new QuerySyntaxException("'" + name + "' has no known target type", p.pos());
        TableLayout tl = db.layout(prop.target());
        String a = "j" + (++aliases);
        SqlFragment inner = pathSql(a, tl, p, i + 1);
        SqlFragment join;
        if (prop.isChild()) {
            join = SqlFragment.concat(inner.type(), " WHERE ", a, ".ds = ", alias, ".ds AND ", a, ".parent_tbl = ",
                    str(l.tableId()), " AND ", a, ".parent_key = ", alias, ".k AND ", a, ".parent_prop = ", str(name));
        } else if (prop.isSingleLink()) {
            join = SqlFragment.concat(inner.type(), " WHERE ", a, ".ds = ", alias, ".ds AND ", a, ".k = ", alias, ".",
                    l.linkKeyColumn(prop).name());
        } else if (prop.isParent()) {
            join = SqlFragment.concat(inner.type(), " WHERE ", a, ".ds = ", alias, ".ds AND ", a, ".k = ", alias,
                    ".parent_key AND ", alias, ".parent_tbl = ", str(tl.tableId()));
        } else {
            throw new QuerySyntaxException("'" + name + "' cannot be followed in a query", p.pos());
        }
        return SqlFragment.concat(inner.type(), "(SELECT ", inner, " FROM ", tl.table(), " ", a, join, ")");
    }

    private SqlFragment str(String value) {
        return SqlFragment.bound(cast(QType.STRING), QType.STRING, ValueType.STRING, value);
    }

    static QType qtype(ValueType vt) {
        switch (vt) {
            case BOOLEAN: return QType.BOOLEAN;
            case INT: case LONG: case INTEGER: case DECIMAL: case DOUBLE: return QType.NUMBER;
            case DATE: return QType.DATE;
            case DATETIME: return QType.DATETIME;
            case TIME: return QType.TIME;
            default: return QType.STRING;
        }
    }

    // ------------------------------------------------------------------ operators

    private SqlFragment unary(Expr.Unary u) {
        SqlFragment x = expr(u.operand());
        if (u.op().equals("not")) {
            x = require(x, QType.BOOLEAN, u.operand(), "not");
            return SqlFragment.concat(QType.BOOLEAN, "(NOT ", x, ")");
        }
        x = require(x, QType.NUMBER, u.operand(), "-");
        return SqlFragment.concat(QType.NUMBER, "(-", x, ")");
    }

    private static final Map<String, String> COMPARE = Map.of("eq", "=", "ne", "<>", "lt", "<", "le", "<=", "gt", ">", "ge", ">=");

    private SqlFragment binary(Expr.Binary b) {
        String op = b.op();
        if (op.equals("and") || op.equals("or")) {
            SqlFragment l = require(expr(b.left()), QType.BOOLEAN, b.left(), op);
            SqlFragment r = require(expr(b.right()), QType.BOOLEAN, b.right(), op);
            return SqlFragment.concat(QType.BOOLEAN, "(", l, op.equals("and") ? " AND " : " OR ", r, ")");
        }
        if (COMPARE.containsKey(op)) {
            SqlFragment l = expr(b.left());
            SqlFragment r = expr(b.right());
            if (l.type() == QType.NULL || r.type() == QType.NULL) {
                if (!op.equals("eq") && !op.equals("ne")) {
                    throw new QuerySyntaxException("null can only be compared with eq or ne", b.pos());
                }
                SqlFragment x = l.type() == QType.NULL ? r : l;
                if (x.type() == QType.NULL) return SqlFragment.of(op.equals("eq") ? "(1 = 1)" : "(1 = 0)", QType.BOOLEAN);
                return SqlFragment.concat(QType.BOOLEAN, "(", x, op.equals("eq") ? " IS NULL)" : " IS NOT NULL)");
            }
            SqlFragment[] lr = comparable(l, r, b.left(), b.right(), op);
            return SqlFragment.concat(QType.BOOLEAN, "(", lr[0], " ", COMPARE.get(op), " ", lr[1], ")");
        }
        SqlFragment l = require(expr(b.left()), QType.NUMBER, b.left(), op);
        SqlFragment r = require(expr(b.right()), QType.NUMBER, b.right(), op);
        switch (op) {
            case "+": return SqlFragment.concat(QType.NUMBER, "(", l, " + ", r, ")");
            case "-": return SqlFragment.concat(QType.NUMBER, "(", l, " - ", r, ")");
            case "mul": return SqlFragment.concat(QType.NUMBER, "(", l, " * ", r, ")");
            case "div": return SqlFragment.concat(QType.NUMBER, "(", l, " / ", r, ")");
            default: return SqlFragment.concat(QType.NUMBER, "MOD(", l, ", ", r, ")");
        }
    }

    private SqlFragment between(Expr.Between b) {
        SqlFragment v = expr(b.value());
        SqlFragment[] lo = comparable(v, expr(b.low()), b.value(), b.low(), "between");
        SqlFragment[] hi = comparable(lo[0], expr(b.high()), b.value(), b.high(), "between");
        return SqlFragment.concat(QType.BOOLEAN, "(", hi[0], " BETWEEN ", lo[1], " AND ", hi[1], ")");
    }

    private SqlFragment in(Expr.In in) {
        SqlFragment v = expr(in.value());
        List<Object> pieces = new ArrayList<>();
        SqlFragment head = v;
        List<SqlFragment> items = new ArrayList<>();
        for (Expr item : in.items()) {
            SqlFragment[] pair = comparable(head, expr(item), in.value(), item, "in");
            head = pair[0];
            items.add(pair[1]);
        }
        pieces.add("(");
        pieces.add(head);
        pieces.add(" IN (");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) pieces.add(", ");
            pieces.add(items.get(i));
        }
        pieces.add("))");
        return SqlFragment.concat(QType.BOOLEAN, pieces.toArray());
    }

    private SqlFragment like(Expr.Like l) {
        SqlFragment v = require(expr(l.value()), QType.STRING, l.value(), "like");
        SqlFragment p = require(expr(l.pattern()), QType.STRING, l.pattern(), "like");
        // Only % and _ are wildcards (§2.12); the escape character is a backslash, written as a bound value.
        return SqlFragment.concat(QType.BOOLEAN, "(", v, " LIKE ", p, " ESCAPE ", str("\\"), ")");
    }

    /**
     * Makes two operands comparable: the same type, or a quoted literal read as the other side's type (clients
     * often quote dates and numbers). UUIDs compare case-insensitively.
     */
    private SqlFragment[] comparable(SqlFragment l, SqlFragment r, Expr le, Expr re, String op) {
        if (l.type() == QType.UUID || r.type() == QType.UUID) {
            SqlFragment a = l.type() == QType.UUID ? l : lower(l, le, op);
            SqlFragment b = r.type() == QType.UUID ? r : lower(r, re, op);
            return new SqlFragment[] {a, b};
        }
        if (l.type() == QType.NULL && r.type() == QType.NULL) return new SqlFragment[] {typedNull(QType.STRING), typedNull(QType.STRING)};
        if (l.type() == QType.NULL) return new SqlFragment[] {typedNull(r.type()), r};
        if (r.type() == QType.NULL) return new SqlFragment[] {l, typedNull(l.type())};
        if (l.type() == r.type()) return new SqlFragment[] {l, r};
        SqlFragment lc = coerce(r, l.type(), re);
        if (lc != null) return new SqlFragment[] {l, lc};
        SqlFragment rc = coerce(l, r.type(), le);
        if (rc != null) return new SqlFragment[] {rc, r};
        throw new QuerySyntaxException("cannot apply '" + op + "' to a " + name(l.type()) + " and a " + name(r.type()), re.pos());
    }

    private SqlFragment lower(SqlFragment x, Expr e, String op) {
        return SqlFragment.concat(QType.UUID, "LOWER(", require(x, QType.STRING, e, op), ")");
    }

    /** A literal re-read as {@code target}: a string as a date, number or boolean; a number as a string. */
    private SqlFragment coerce(SqlFragment f, QType target, Expr e) {
        if (!(e instanceof Expr.Literal lit) || lit.value() == null) return null;
        Object v = lit.value();
        try {
            if (v instanceof String s) {
                switch (target) {
                    case NUMBER: return literal(new Expr.Literal(new BigDecimal(s.trim()), e.pos()));
                    case DATE: return literal(new Expr.Literal(LocalDate.parse(s.trim()), e.pos()));
                    case DATETIME: {
                        String t = s.trim();
                        Object ts = t.matches(".*(Z|z|[+-]\\d\\d:\\d\\d)$") ? OffsetDateTime.parse(t) : LocalDateTime.parse(t);
                        return literal(new Expr.Literal(ts, e.pos()));
                    }
                    case BOOLEAN:
                        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
                            return literal(new Expr.Literal(Boolean.valueOf(s.toLowerCase(Locale.ROOT)), e.pos()));
                        }
                        return null;
                    default: return null;
                }
            }
            if (v instanceof BigDecimal n && target == QType.STRING) {
                return literal(new Expr.Literal(n.toPlainString(), e.pos()));
            }
        } catch (RuntimeException ex) {
            throw new QuerySyntaxException("'" + v + "' cannot be read as a " + name(target), e.pos());
        }
        return null;
    }

    /**
     * {@code f} checked to be a {@code t}. A null literal becomes a null of that type: PostgreSQL cannot choose among
     * overloads (prefix minus, lower, abs, extract) for an untyped NULL.
     */
    SqlFragment require(SqlFragment f, QType t, Expr e, String op) {
        if (f.type() == QType.NULL) return typedNull(t);
        if (f.type() == t) return f;
        if (t == QType.STRING && f.type() == QType.UUID) return f;
        throw new QuerySyntaxException("'" + op + "' needs a " + name(t) + " here, not a " + name(f.type()), e.pos());
    }

    static String name(QType t) {
        switch (t) {
            case DATETIME: return "timestamp";
            case UUID: return "uuid";
            default: return t.name().toLowerCase(Locale.ROOT);
        }
    }
}
