package io.sdataserver.bench;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import javax.sql.DataSource;

/**
 * Plain JDBC access to peer_sales_order / peer_order_line. Rows travel as maps keyed by EDM
 * property name, which is what Olingo's entity providers read and write. Portable SQL only, so
 * the same code runs on H2 and PostgreSQL.
 */
final class OrderRepository {

    /** Outcome of a conditional update; {@code version} is the new version when UPDATED. */
    enum Outcome { UPDATED, NOT_FOUND, VERSION_MISMATCH }

    record UpdateResult(Outcome outcome, long version) { }

    private enum Kind { LONG, INT, DECIMAL, STRING, DATE }

    private record Col(String property, String column, Kind kind) { }

    /** Writable order columns (Id and Version are managed here, never taken from the client). */
    private static final List<Col> ORDER_FIELDS = List.of(
            new Col("OrderDate", "order_date", Kind.DATE),
            new Col("Status", "status", Kind.STRING),
            new Col("SubTotal", "sub_total", Kind.DECIMAL),
            new Col("Comment", "comment", Kind.STRING),
            new Col("Revision", "revision", Kind.INT),
            new Col("ContactId", "contact_id", Kind.LONG),
            new Col("BillStreet", "bill_street", Kind.STRING),
            new Col("BillCity", "bill_city", Kind.STRING),
            new Col("BillPostalCode", "bill_postal_code", Kind.STRING),
            new Col("BillCountryCode", "bill_country_code", Kind.STRING));
    private static final List<Col> ORDER_COLS = concat(new Col("Id", "id", Kind.LONG), ORDER_FIELDS,
            new Col("Version", "version", Kind.LONG));
    private static final List<Col> LINE_COLS = List.of(
            new Col("Id", "id", Kind.LONG),
            new Col("OrderId", "order_id", Kind.LONG),
            new Col("LineNumber", "line_number", Kind.INT),
            new Col("OrderQty", "order_qty", Kind.DECIMAL),
            new Col("UnitPrice", "unit_price", Kind.DECIMAL));

    private static final String SELECT_ORDER = "SELECT " + columns(ORDER_COLS) + " FROM peer_sales_order";
    private static final String SELECT_LINE = "SELECT " + columns(LINE_COLS) + " FROM peer_order_line";
    private static final String UPDATE_ORDER = "UPDATE peer_sales_order SET "
            + ORDER_FIELDS.stream().map(c -> c.column() + " = ?").collect(Collectors.joining(", "))
            + ", version = version + 1 WHERE id = ?";

    private final DataSource ds;
    /** Next order id: max(id) at start-up, then in memory (the peer is the only writer). */
    private final AtomicLong lastOrderId = new AtomicLong();

    OrderRepository(DataSource ds) {
        this.ds = ds;
    }

    /** Creates the tables if absent and seeds order 1 with two lines when empty. */
    void init() throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS peer_sales_order (id BIGINT PRIMARY KEY, order_date DATE,"
                    + " status VARCHAR(40), sub_total DECIMAL(19,4), comment VARCHAR(400), revision INT,"
                    + " contact_id BIGINT, bill_street VARCHAR(200), bill_city VARCHAR(100),"
                    + " bill_postal_code VARCHAR(20), bill_country_code VARCHAR(2), version BIGINT NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS peer_order_line (id BIGINT PRIMARY KEY,"
                    + " order_id BIGINT REFERENCES peer_sales_order, line_number INT,"
                    + " order_qty DECIMAL(19,4), unit_price DECIMAL(19,4))");
            // The expanded GET looks lines up by order; without this it would scan.
            s.execute("CREATE INDEX IF NOT EXISTS peer_order_line_order_idx ON peer_order_line (order_id)");
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM peer_sales_order")) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    s.execute("INSERT INTO peer_sales_order VALUES (1, DATE '2024-01-15', 'Open', 150.0000,"
                            + " 'seeded by olingo-peer', 1, 42, '1 Main Street', 'Springfield', '12345', 'US', 1)");
                    s.execute("INSERT INTO peer_order_line VALUES (1, 1, 1, 2.0000, 50.0000)");
                    s.execute("INSERT INTO peer_order_line VALUES (2, 1, 2, 1.0000, 50.0000)");
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(id), 0) FROM peer_sales_order")) {
                rs.next();
                lastOrderId.set(rs.getLong(1));
            }
        }
    }

    Map<String, Object> findOrder(long id) throws SQLException {
        List<Map<String, Object>> rows = query(SELECT_ORDER + " WHERE id = ?", ORDER_COLS, id);
        return rows.isEmpty() ? null : rows.get(0);
    }

    List<Map<String, Object>> findOrders(int top, int skip) throws SQLException {
        return query(SELECT_ORDER + " ORDER BY id OFFSET ? ROWS FETCH FIRST ? ROWS ONLY", ORDER_COLS, skip, top);
    }

    Map<String, Object> findLine(long id) throws SQLException {
        List<Map<String, Object>> rows = query(SELECT_LINE + " WHERE id = ?", LINE_COLS, id);
        return rows.isEmpty() ? null : rows.get(0);
    }

    List<Map<String, Object>> findLines(long orderId) throws SQLException {
        return query(SELECT_LINE + " WHERE order_id = ? ORDER BY line_number", LINE_COLS, orderId);
    }

    List<Map<String, Object>> findLines(int top, int skip) throws SQLException {
        return query(SELECT_LINE + " ORDER BY id OFFSET ? ROWS FETCH FIRST ? ROWS ONLY", LINE_COLS, skip, top);
    }

    /**
     * Updates the order's scalar fields in one transaction. With {@code expectedVersion} the update
     * is conditional on it (optimistic concurrency); with null (If-Match: *) it is not.
     * {@code merge} keeps columns the client did not send; otherwise they become NULL (PUT).
     */
    UpdateResult updateOrder(long id, Map<String, Object> values, boolean merge, Long expectedVersion)
            throws SQLException {
        String sql = merge ? mergeSql(values) : UPDATE_ORDER;
        if (sql == null) {
            sql = "UPDATE peer_sales_order SET version = version + 1 WHERE id = ?";
        }
        if (expectedVersion != null) {
            sql += " AND version = ?";
        }
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                int i = 1;
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    for (Col col : ORDER_FIELDS) {
                        if (!merge || values.containsKey(col.property())) {
                            bind(ps, i++, col.kind(), values.get(col.property()));
                        }
                    }
                    ps.setLong(i++, id);
                    if (expectedVersion != null) {
                        ps.setLong(i, expectedVersion);
                    }
                    if (ps.executeUpdate() == 1) {
                        long version = expectedVersion != null ? expectedVersion + 1 : currentVersion(c, id);
                        c.commit();
                        return new UpdateResult(Outcome.UPDATED, version);
                    }
                }
                Outcome miss = currentVersion(c, id) < 0 ? Outcome.NOT_FOUND : Outcome.VERSION_MISMATCH;
                c.rollback();
                return new UpdateResult(miss, -1);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** Inserts a new order (id allocated here, version 1) and returns it as stored. */
    Map<String, Object> insertOrder(Map<String, Object> values) throws SQLException {
        long id = lastOrderId.incrementAndGet();
        String sql = "INSERT INTO peer_sales_order (" + columns(ORDER_COLS) + ") VALUES ("
                + ORDER_COLS.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setLong(i++, id);
            for (Col col : ORDER_FIELDS) {
                bind(ps, i++, col.kind(), values.get(col.property()));
            }
            ps.setLong(i, 1L);
            ps.executeUpdate();
        }
        return findOrder(id);
    }

    private static String mergeSql(Map<String, Object> values) {
        String set = ORDER_FIELDS.stream().filter(c -> values.containsKey(c.property()))
                .map(c -> c.column() + " = ?").collect(Collectors.joining(", "));
        return set.isEmpty() ? null : "UPDATE peer_sales_order SET " + set + ", version = version + 1 WHERE id = ?";
    }

    /** Version of the order, or -1 if it does not exist. */
    private static long currentVersion(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM peer_sales_order WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    private List<Map<String, Object>> query(String sql, List<Col> cols, Object... params) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 0; i < cols.size(); i++) {
                        row.put(cols.get(i).property(), read(rs, i + 1, cols.get(i).kind()));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    private static Object read(ResultSet rs, int i, Kind kind) throws SQLException {
        return switch (kind) {
            case LONG -> rs.getObject(i, Long.class);
            case INT -> rs.getObject(i, Integer.class);
            case DECIMAL -> rs.getBigDecimal(i);
            case STRING -> rs.getString(i);
            case DATE -> toCalendar(rs.getObject(i, LocalDate.class));
        };
    }

    private static void bind(PreparedStatement ps, int i, Kind kind, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(i, switch (kind) {
                case LONG -> java.sql.Types.BIGINT;
                case INT -> java.sql.Types.INTEGER;
                case DECIMAL -> java.sql.Types.DECIMAL;
                case STRING -> java.sql.Types.VARCHAR;
                case DATE -> java.sql.Types.DATE;
            });
            return;
        }
        switch (kind) {
            case LONG -> ps.setLong(i, ((Number) value).longValue());
            case INT -> ps.setInt(i, ((Number) value).intValue());
            case DECIMAL -> ps.setBigDecimal(i, value instanceof BigDecimal b ? b : new BigDecimal(value.toString()));
            case STRING -> ps.setString(i, value.toString());
            case DATE -> ps.setObject(i, toLocalDate(value));
        }
    }

    // Edm.DateTime travels as a Calendar in Olingo; DATE columns hold a LocalDate. UTC keeps the
    // day stable regardless of the JVM's default time zone.
    private static Calendar toCalendar(LocalDate date) {
        if (date == null) {
            return null;
        }
        Calendar cal = new GregorianCalendar(TimeZone.getTimeZone(ZoneOffset.UTC));
        cal.clear();
        cal.set(date.getYear(), date.getMonthValue() - 1, date.getDayOfMonth());
        return cal;
    }

    private static LocalDate toLocalDate(Object value) {
        if (value instanceof Calendar cal) {
            return cal.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
        }
        if (value instanceof java.util.Date d) {
            return d.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
        }
        return LocalDate.parse(value.toString());
    }

    private static String columns(List<Col> cols) {
        return cols.stream().map(Col::column).collect(Collectors.joining(", "));
    }

    private static List<Col> concat(Col first, List<Col> middle, Col last) {
        List<Col> all = new ArrayList<>(middle.size() + 2);
        all.add(first);
        all.addAll(middle);
        all.add(last);
        return List.copyOf(all);
    }
}
