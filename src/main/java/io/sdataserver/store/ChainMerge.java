package io.sdataserver.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;

/**
 * The same step of several statement chains as one statement, on PostgreSQL: the 25 flat updates of a batch wave
 * become one UPDATE ... FROM unnest(arrays), one read of their rows and one of their children, instead of 75
 * statements. PostgreSQL spends about 10 µs on each statement besides its rows, which was a third of a batch
 * entry's time in the database (perf-notes, fifth pass). The parameters go as one array per parameter, in text,
 * cast to their type in the statement: a VALUES list of 25 rows cost PostgreSQL more to plan than to run.
 *
 * <p>Exact or not at all. Merged, each step of every chain runs before the next step of any, so no chain may see
 * another's writes: the chains are merged only when they are the same statements (same SQL, parameters bound the
 * same way), each step says which rows it touches, no row one chain writes is a row another touches, and no table
 * written is also read through owners' keys. Otherwise they run as they are. Each chain's readers see their own
 * rows only, in the order their own statement gives them, and each write step hears its own count.
 */
final class ChainMerge {
    /** The alias of the merged statements' unnest; its columns are {@code sdm1..sdmN} and the chain's ordinal (from 1). */
    private static final String ALIAS = "sdm";
    private static final String ORDINAL = ALIAS + "." + ALIAS + "_ord";
    /** What a merged INSERT returns: the dataset and key of each row it inserted. */
    private static final String INSERTED = "ds, k";
    private final List<StatementChain> chains;
    /** Per step: the merged SQL. */
    private final List<String> sql;
    /** Per step, per chain: the parameter bindings, in order. */
    private final List<List<List<Binding>>> bindings;

    private ChainMerge(List<StatementChain> chains, List<String> sql, List<List<List<Binding>>> bindings) {
        this.chains = chains;
        this.sql = sql;
        this.bindings = bindings;
    }

    /** The chains merged, or null when merging them would not be exact (they then run one after another). */
    static ChainMerge of(List<StatementChain> chains) throws SQLException {
        List<StatementChain.Step> first = chains.get(0).steps();
        if (first.isEmpty()) return null;
        for (StatementChain chain : chains) {
            List<StatementChain.Step> steps = chain.steps();
            if (steps.size() != first.size()) return null;
            for (int s = 0; s < steps.size(); s++) {
                if (steps.get(s).touch() == null || !steps.get(s).sql().equals(first.get(s).sql())) return null;
            }
        }
        if (!apart(chains)) return null;
        List<String> sql = new ArrayList<>();
        List<List<List<Binding>>> bindings = new ArrayList<>();
        for (int s = 0; s < first.size(); s++) {
            List<List<Binding>> perChain = new ArrayList<>();
            for (StatementChain chain : chains) {
                List<Binding> b = Binding.record(chain.steps().get(s).binder());
                if (b == null || (!perChain.isEmpty() && !Binding.sameKinds(perChain.get(0), b))) return null;
                perChain.add(b);
            }
            List<String> types = new ArrayList<>();
            for (Binding b : perChain.get(0)) types.add(b.type());
            String merged = merge(first.get(s), types);
            if (merged == null) return null;
            sql.add(merged);
            bindings.add(perChain);
        }
        return new ChainMerge(chains, sql, bindings);
    }

    /** Whether no chain touches a row another writes, and no written table is read through owners' keys. */
    private static boolean apart(List<StatementChain> chains) {
        Set<List<String>> claimed = new HashSet<>();
        Set<String> written = new HashSet<>();
        Set<String> readByOwner = new HashSet<>();
        for (StatementChain chain : chains) {
            Set<List<String>> own = new HashSet<>();
            for (StatementChain.Step step : chain.steps()) {
                StatementChain.Touch t = step.touch();
                if (t.key() == null) readByOwner.add(t.table());
                else own.add(List.of(t.table(), t.ds(), t.key()));
                if (t.writes()) written.add(t.table());
            }
            for (List<String> row : own) if (!claimed.add(row)) return false;
        }
        for (String t : written) if (readByOwner.contains(t)) return false;
        return true;
    }

    /**
     * The statement for several copies of {@code step}, whose parameters have these PostgreSQL types: its parameters
     * come from arrays unnested and joined in, one row per chain with the chain's ordinal; an UPDATE returns the
     * ordinals of the rows it changed, a query adds the ordinal as its last column and is ordered by it first.
     * Null for a statement of another shape.
     */
    static String merge(StatementChain.Step step, List<String> types) {
        String body = placeholders(step.sql(), types.size());
        if (body == null) return null;
        if (types.isEmpty()) return null;
        StringBuilder values = new StringBuilder("unnest(");
        for (int p = 0; p < types.size(); p++) values.append(p == 0 ? "" : ", ").append("?::").append(types.get(p)).append("[]");
        values.append(") WITH ORDINALITY AS ").append(ALIAS).append('(');
        for (int p = 1; p <= types.size(); p++) values.append(ALIAS).append(p).append(", ");
        values.append(ALIAS).append("_ord)");
        if (body.contains(" RETURNING ") || body.contains(" UNION ") || body.contains(" GROUP BY ") || body.contains(" LIMIT ")
                || body.contains("DISTINCT")) return null;
        int where = body.indexOf(" WHERE ");
        if (step.rows() == null) {
            if (body.startsWith("UPDATE ") && where > 0 && !body.contains(" FROM ")) {
                return body.substring(0, where) + " FROM " + values + body.substring(where) + " RETURNING " + ORDINAL;
            }
            // an INSERT's RETURNING sees only the table's own columns: its rows are told apart by their keys
            int select = body.indexOf(") SELECT ");
            if (body.startsWith("INSERT INTO ") && select > 0 && where > select) {
                return body.substring(0, where) + " FROM " + values + body.substring(where) + " RETURNING " + INSERTED;
            }
            int row = body.indexOf(") VALUES (");
            if (body.startsWith("INSERT INTO ") && row > 0 && where < 0 && body.endsWith(")")) {
                return body.substring(0, row + 1) + " SELECT " + body.substring(row + ") VALUES (".length(), body.length() - 1)
                        + " FROM " + values + " RETURNING " + INSERTED;
            }
            return null;
        }
        int from = body.indexOf(" FROM ");
        if (!body.startsWith("SELECT ") || from < 0 || where < 0 || from > where) return null;
        int order = body.indexOf(" ORDER BY ", where);
        String tail = order < 0 ? "" : ", " + body.substring(order + " ORDER BY ".length());
        return body.substring(0, from) + ", " + ORDINAL + body.substring(from, where) + " CROSS JOIN " + values
                + body.substring(where, order < 0 ? body.length() : order) + " ORDER BY " + ORDINAL + tail;
    }

    /** The SQL with its n-th parameter marker replaced by the unnested arrays' n-th column; null if they are not n. */
    private static String placeholders(String sql, int expected) {
        StringBuilder out = new StringBuilder(sql.length() + 8 * expected);
        int n = 0;
        boolean quoted = false;
        for (int i = 0; i < sql.length(); i++) {
            char ch = sql.charAt(i);
            if (ch == '\'') quoted = !quoted;
            if (ch == '?' && !quoted) out.append(ALIAS).append('.').append(ALIAS).append(++n);
            else out.append(ch);
        }
        return n == expected ? out.toString() : null;
    }

    /** The statements merging saved: those of every chain but one. */
    int saved() { return sql.size() * (chains.size() - 1); }

    /** Runs the merged statements in one round trip and gives each chain's readers their share. */
    void run(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(String.join("; ", sql))) {
            int next = 1;
            for (List<List<Binding>> perChain : bindings) {
                for (int p = 0; p < perChain.get(0).size(); p++) {
                    String[] column = new String[perChain.size()];
                    for (int k = 0; k < column.length; k++) column[k] = perChain.get(k).get(p).text();
                    ps.setArray(next++, c.createArrayOf("text", column));
                }
            }
            ps.execute();
            for (int s = 0; s < sql.size(); s++) {
                try (ResultSet rs = ps.getResultSet()) {
                    if (chains.get(0).steps().get(s).rows() == null) {
                        int[] counts = new int[chains.size()];
                        if (sql.get(s).endsWith(INSERTED)) {
                            Map<List<String>, Integer> byKey = new HashMap<>();
                            for (int k = 0; k < chains.size(); k++) {
                                StatementChain.Touch t = chains.get(k).steps().get(s).touch();
                                byKey.put(List.of(t.ds(), t.key()), k);
                            }
                            while (rs.next()) counts[byKey.get(List.of(rs.getString(1), rs.getString(2)))]++;
                        } else {
                            while (rs.next()) counts[rs.getInt(1) - 1]++;
                        }
                        for (int k = 0; k < chains.size(); k++) chains.get(k).steps().get(s).counted(counts[k]);
                    } else {
                        Shares shares = new Shares(rs, rs.getMetaData().getColumnCount());
                        for (int k = 0; k < chains.size(); k++) chains.get(k).steps().get(s).rows().read(shares.of(k));
                    }
                }
                ps.getMoreResults();
            }
        }
    }

    /** One parameter as a binder set it: its PostgreSQL type and its value in text (null for SQL NULL). */
    private record Binding(String type, String text) {
        static boolean sameKinds(List<Binding> a, List<Binding> b) {
            if (a.size() != b.size()) return false;
            for (int i = 0; i < a.size(); i++) if (!a.get(i).type().equals(b.get(i).type())) return false;
            return true;
        }

        /** The binding a setter call makes, or null for a setter or a value this does not know. */
        static Binding of(String setter, Object[] args) {
            Object v = args[0];
            switch (setter) {
                case "setNull": return nullOf((Integer) v);
                case "setString": return new Binding("varchar", (String) v);
                case "setInt": return new Binding("int4", v.toString());
                case "setLong": return new Binding("int8", v.toString());
                case "setBoolean": return new Binding("bool", v.toString());
                case "setDouble": return new Binding("float8", v.toString());
                case "setBigDecimal": return new Binding("numeric", v == null ? null : ((java.math.BigDecimal) v).toPlainString());
                case "setObject":
                    if (args.length != 1) return null;
                    if (v instanceof java.time.OffsetDateTime t) return new Binding("timestamptz", t.toString());
                    if (v instanceof java.time.LocalDate d && d.getYear() >= 1 && d.getYear() <= 9999) return new Binding("date", d.toString());
                    if (v instanceof java.time.LocalTime t) return new Binding("time", t.toString());
                    return null;
                default: return null;
            }
        }

        private static Binding nullOf(int sqlType) {
            switch (sqlType) {
                case java.sql.Types.VARCHAR: return new Binding("varchar", null);
                case java.sql.Types.INTEGER: return new Binding("int4", null);
                case java.sql.Types.BIGINT: return new Binding("int8", null);
                case java.sql.Types.BOOLEAN: return new Binding("bool", null);
                case java.sql.Types.DOUBLE: return new Binding("float8", null);
                case java.sql.Types.NUMERIC: return new Binding("numeric", null);
                case java.sql.Types.DATE: return new Binding("date", null);
                case java.sql.Types.TIME: return new Binding("time", null);
                case java.sql.Types.TIMESTAMP_WITH_TIMEZONE: return new Binding("timestamptz", null);
                default: return null;
            }
        }

        /** What the binder sets, in parameter order; null if it does anything but set parameters 1..n once each. */
        static List<Binding> record(StatementChain.Binder binder) throws SQLException {
            List<Binding> set = new ArrayList<>();
            boolean[] odd = new boolean[1];
            InvocationHandler h = (proxy, m, a) -> {
                Binding b = m.getName().startsWith("set") && a != null && a.length >= 2 && a[0] instanceof Integer
                        ? of(m.getName(), Arrays.copyOfRange(a, 1, a.length)) : null;
                if (b != null) {
                    int i = (Integer) a[0];
                    while (set.size() < i) set.add(null);
                    if (set.get(i - 1) != null) odd[0] = true;
                    set.set(i - 1, b);
                    return null;
                }
                odd[0] = true;
                throw new SQLException("not a parameter setter: " + m.getName());
            };
            PreparedStatement recorder = (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class}, h);
            int next;
            try {
                next = binder.bind(recorder, 1);
            } catch (SQLException e) {
                if (odd[0]) return null;
                throw e;
            }
            if (odd[0] || next - 1 != set.size() || set.contains(null)) return null;
            return set;
        }
    }

    /**
     * A merged query's rows, ordered by chain, handed out chain by chain on the one forward-only cursor: each
     * chain's reader sees a result set whose rows are its own; rows a reader left unread are skipped.
     */
    private static final class Shares {
        private final ResultSet rs;
        private final int ordinalColumn;
        private boolean pending;
        private boolean ended;
        private int ordinal;

        Shares(ResultSet rs, int ordinalColumn) {
            this.rs = rs;
            this.ordinalColumn = ordinalColumn;
        }

        private boolean next(int chain) throws SQLException {
            while (true) {
                if (!pending) {
                    if (ended || !rs.next()) {
                        ended = true;
                        return false;
                    }
                    pending = true;
                    ordinal = rs.getInt(ordinalColumn);
                }
                if (ordinal > chain + 1) return false; // a later chain's: kept for it (ordinals count from 1)
                pending = false;
                if (ordinal == chain + 1) return true;
            }
        }

        ResultSet of(int chain) {
            return (ResultSet) Proxy.newProxyInstance(ResultSet.class.getClassLoader(), new Class<?>[] {ResultSet.class},
                    (proxy, m, a) -> switch (m.getName()) {
                        case "next" -> next(chain);
                        case "close" -> null; // the merged result set is closed once every chain has read
                        case "isClosed" -> false;
                        case "equals" -> proxy == a[0];
                        case "hashCode" -> System.identityHashCode(proxy);
                        default -> {
                            try {
                                yield m.invoke(rs, a);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        }
                    });
        }
    }
}
