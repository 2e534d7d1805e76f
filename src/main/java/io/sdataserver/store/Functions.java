package io.sdataserver.store;

import io.sdataserver.query.Expr;
import io.sdataserver.query.QuerySyntaxException;
import io.sdataserver.store.SqlFragment.QType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The 37 functions of the query language (§2.12) as SQL. Each function checks its argument count and types; the
 * few spellings that differ between H2 and PostgreSQL are chosen by the dialect. Names are case-insensitive.
 */
final class Functions {
    /** Function name (lower case) to its canonical spelling, for messages. */
    private static final Map<String, String> NAMES = new TreeMap<>();

    static {
        for (String n : List.of("concat", "left", "right", "substring", "lower", "upper", "replace", "length", "locate",
                "lpad", "rpad", "trim", "ascii", "char", "abs", "sign", "round", "trunc", "floor", "ceil", "pow",
                "currentDate", "currentTime", "currentTimestamp", "year", "month", "day", "hour", "minute", "second",
                "millisecond", "tzHour", "tzMinute", "dateAdd", "dateSub", "timestampAdd", "timestampSub")) {
            NAMES.put(n.toLowerCase(Locale.ROOT), n);
        }
    }

    private Functions() { }

    static boolean isConstant(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("currentdate") || n.equals("currenttime") || n.equals("currenttimestamp");
    }

    static SqlFragment call(ExpressionSql x, Expr.Call c, List<SqlFragment> a) {
        String n = c.function().toLowerCase(Locale.ROOT);
        if (!NAMES.containsKey(n)) {
            throw new QuerySyntaxException("unknown function '" + c.function() + "'; known: " + String.join(", ", NAMES.values()),
                    c.pos());
        }
        boolean pg = x.dialect() == Dialect.POSTGRESQL;
        switch (n) {
            case "concat": {
                if (a.size() < 2) throw arity(c, "at least 2");
                Object[] pieces = new Object[a.size() * 2 + 1];
                pieces[0] = "(";
                for (int i = 0; i < a.size(); i++) {
                    pieces[1 + i * 2] = text(x, a.get(i), c, i);
                    pieces[2 + i * 2] = i == a.size() - 1 ? ")" : " || ";
                }
                return SqlFragment.concat(QType.STRING, pieces);
            }
            case "left": case "right":
                args(x, c, a, QType.STRING, QType.NUMBER);
                return fn(QType.STRING, n.toUpperCase(Locale.ROOT), a.get(0), integer(a.get(1)));
            case "substring":
                if (a.size() == 2) {
                    args(x, c, a, QType.STRING, QType.NUMBER);
                    return SqlFragment.concat(QType.STRING, "SUBSTRING(", a.get(0), " FROM ", integer(a.get(1)), ")");
                }
                args(x, c, a, QType.STRING, QType.NUMBER, QType.NUMBER);
                return SqlFragment.concat(QType.STRING, "SUBSTRING(", a.get(0), " FROM ", integer(a.get(1)), " FOR ",
                        integer(a.get(2)), ")");
            case "lower": case "upper": case "trim":
                args(x, c, a, QType.STRING);
                return fn(QType.STRING, n.toUpperCase(Locale.ROOT), a.get(0));
            case "replace":
                args(x, c, a, QType.STRING, QType.STRING, QType.STRING);
                return fn(QType.STRING, "REPLACE", a.get(0), a.get(1), a.get(2));
            case "length":
                args(x, c, a, QType.STRING);
                return fn(QType.NUMBER, "CHAR_LENGTH", a.get(0));
            case "locate":
                args(x, c, a, QType.STRING, QType.STRING);
                return SqlFragment.concat(QType.NUMBER, "POSITION(", a.get(0), " IN ", a.get(1), ")");
            case "lpad": case "rpad":
                if (a.size() == 2) {
                    args(x, c, a, QType.STRING, QType.NUMBER);
                    return fn(QType.STRING, n.toUpperCase(Locale.ROOT), a.get(0), integer(a.get(1)));
                }
                args(x, c, a, QType.STRING, QType.NUMBER, QType.STRING);
                return fn(QType.STRING, n.toUpperCase(Locale.ROOT), a.get(0), integer(a.get(1)), a.get(2));
            case "ascii":
                args(x, c, a, QType.STRING);
                return fn(QType.NUMBER, "ASCII", a.get(0));
            case "char":
                args(x, c, a, QType.NUMBER);
                return fn(QType.STRING, pg ? "CHR" : "CHAR", integer(a.get(0)));
            case "abs": case "sign": case "floor":
                args(x, c, a, QType.NUMBER);
                return fn(QType.NUMBER, n.toUpperCase(Locale.ROOT), a.get(0));
            case "ceil":
                args(x, c, a, QType.NUMBER);
                return fn(QType.NUMBER, "CEILING", a.get(0));
            case "round": case "trunc": {
                String f = n.equals("round") ? "ROUND" : (pg ? "TRUNC" : "TRUNCATE");
                if (a.size() == 1) {
                    args(x, c, a, QType.NUMBER);
                    return fn(QType.NUMBER, f, numeric(x, a.get(0)), SqlFragment.of("0", QType.NUMBER));
                }
                args(x, c, a, QType.NUMBER, QType.NUMBER);
                return fn(QType.NUMBER, f, numeric(x, a.get(0)), integer(a.get(1)));
            }
            case "pow":
                args(x, c, a, QType.NUMBER, QType.NUMBER);
                return fn(QType.NUMBER, "POWER", numeric(x, a.get(0)), numeric(x, a.get(1)));
            case "currentdate":
                args(x, c, a);
                return SqlFragment.of("CURRENT_DATE", QType.DATE);
            case "currenttime":
                args(x, c, a);
                return SqlFragment.of("LOCALTIME", QType.TIME);
            case "currenttimestamp":
                args(x, c, a);
                return SqlFragment.of("CURRENT_TIMESTAMP", QType.DATETIME);
            case "year": case "month": case "day":
                temporal(x, c, a, QType.DATE, QType.DATETIME);
                return SqlFragment.concat(QType.NUMBER, "CAST(EXTRACT(" + n.toUpperCase(Locale.ROOT) + " FROM ", a.get(0), ") AS INTEGER)");
            case "hour": case "minute":
                temporal(x, c, a, QType.TIME, QType.DATETIME);
                return SqlFragment.concat(QType.NUMBER, "CAST(EXTRACT(" + n.toUpperCase(Locale.ROOT) + " FROM ", a.get(0), ") AS INTEGER)");
            case "second":
                temporal(x, c, a, QType.TIME, QType.DATETIME);
                return SqlFragment.concat(QType.NUMBER, "CAST(FLOOR(EXTRACT(SECOND FROM ", a.get(0), ")) AS INTEGER)");
            case "millisecond":
                temporal(x, c, a, QType.TIME, QType.DATETIME);
                // PostgreSQL counts the seconds in milliseconds too; keep the part below one second
                return pg ? SqlFragment.concat(QType.NUMBER, "MOD(CAST(FLOOR(EXTRACT(MILLISECONDS FROM ", a.get(0),
                        ")) AS INTEGER), 1000)")
                        : SqlFragment.concat(QType.NUMBER, "CAST(EXTRACT(MILLISECOND FROM ", a.get(0), ") AS INTEGER)");
            case "tzhour": case "tzminute":
                temporal(x, c, a, QType.DATETIME);
                return SqlFragment.concat(QType.NUMBER, "CAST(EXTRACT(" + (n.equals("tzhour") ? "TIMEZONE_HOUR" : "TIMEZONE_MINUTE")
                        + " FROM ", a.get(0), ") AS INTEGER)");
            case "dateadd": case "datesub": {
                args(x, c, a, QType.DATE, QType.NUMBER);
                SqlFragment days = n.equals("dateadd") ? integer(a.get(1)) : SqlFragment.concat(QType.NUMBER, "(-", integer(a.get(1)), ")");
                return pg ? SqlFragment.concat(QType.DATE, "(", a.get(0), " + ", days, ")")
                        : SqlFragment.concat(QType.DATE, "DATEADD(DAY, ", days, ", ", a.get(0), ")");
            }
            default: { // timestampadd, timestampsub
                args(x, c, a, QType.DATETIME, QType.NUMBER);
                SqlFragment ms = n.equals("timestampadd") ? a.get(1) : SqlFragment.concat(QType.NUMBER, "(-", a.get(1), ")");
                return pg ? SqlFragment.concat(QType.DATETIME, "(", a.get(0), " + ", ms, " * INTERVAL '1 millisecond')")
                        : SqlFragment.concat(QType.DATETIME, "DATEADD(MILLISECOND, ", integer(ms), ", ", a.get(0), ")");
            }
        }
    }

    private static SqlFragment fn(QType type, String name, SqlFragment... args) {
        Object[] pieces = new Object[args.length * 2 + 1];
        pieces[0] = name + "(";
        for (int i = 0; i < args.length; i++) {
            pieces[1 + i * 2] = args[i];
            pieces[2 + i * 2] = i == args.length - 1 ? ")" : ", ";
        }
        return SqlFragment.concat(type, pieces);
    }

    private static SqlFragment integer(SqlFragment f) { return SqlFragment.concat(QType.NUMBER, "CAST(", f, " AS INTEGER)"); }

    private static SqlFragment numeric(ExpressionSql x, SqlFragment f) {
        return SqlFragment.concat(QType.NUMBER, "CAST(", f, " AS " + x.dialect().columnType(io.sdataserver.contract.ValueType.DECIMAL) + ")");
    }

    /** Any value as text, for concat. */
    private static SqlFragment text(ExpressionSql x, SqlFragment f, Expr.Call c, int i) {
        if (f.type() == QType.NULL) return x.typedNull(QType.STRING);
        if (f.type() == QType.STRING || f.type() == QType.UUID) return f;
        return SqlFragment.concat(QType.STRING, "CAST(", f, " AS VARCHAR)");
    }

    private static void args(ExpressionSql x, Expr.Call c, List<SqlFragment> a, QType... types) {
        if (a.size() != types.length) throw arity(c, String.valueOf(types.length));
        for (int i = 0; i < types.length; i++) {
            a.set(i, x.require(a.get(i), types[i], argExpr(c, i), NAMES.get(c.function().toLowerCase(Locale.ROOT))));
        }
    }

    private static void temporal(ExpressionSql x, Expr.Call c, List<SqlFragment> a, QType... allowed) {
        if (a.size() != 1) throw arity(c, "1");
        if (a.get(0).type() == QType.NULL) {
            a.set(0, x.typedNull(allowed[0]));
            return;
        }
        for (QType t : allowed) if (a.get(0).type() == t) return;
        throw new QuerySyntaxException(NAMES.get(c.function().toLowerCase(Locale.ROOT)) + "() needs a date, time or timestamp, not a "
                + ExpressionSql.name(a.get(0).type()), c.pos());
    }

    private static Expr argExpr(Expr.Call c, int i) { return i < c.args().size() ? c.args().get(i) : c; }

    private static QuerySyntaxException arity(Expr.Call c, String n) {
        return new QuerySyntaxException(NAMES.get(c.function().toLowerCase(Locale.ROOT)) + "() takes " + n + " argument(s)", c.pos());
    }
}
