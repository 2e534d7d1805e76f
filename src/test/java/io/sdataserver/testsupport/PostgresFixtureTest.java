package io.sdataserver.testsupport;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks that {@link Postgres} gives a real PostgreSQL and that each database is isolated. */
class PostgresFixtureTest {

    @Test
    void databasesAreFreshAndIsolated() throws SQLException {
        String urlA = Postgres.newDatabaseUrl();
        String urlB = Postgres.newDatabaseUrl();
        assertNotEquals(urlA, urlB);

        // Plain DriverManager, exactly as a server process given "--db <url>" would connect.
        try (Connection a = DriverManager.getConnection(urlA);
             Connection b = DriverManager.getConnection(urlB)) {
            try (Statement s = a.createStatement()) {
                s.execute("CREATE TABLE only_in_a (id int PRIMARY KEY)");
            }
            assertTrue(tableExists(a, "only_in_a"), "table should exist where it was created");
            assertFalse(tableExists(b, "only_in_a"), "a fresh database must not see another's tables");

            try (Statement s = b.createStatement();
                 ResultSet rs = s.executeQuery("select version()")) {
                assertTrue(rs.next());
                String version = rs.getString(1);
                assertTrue(version.contains("PostgreSQL"), version);
            }
        }
    }

    private static boolean tableExists(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select to_regclass('public." + table + "') is not null")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
