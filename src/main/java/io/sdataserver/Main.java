package io.sdataserver;

import io.sdataserver.http.gate.Limits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar sdata-server.jar [--port N] [--contracts DIR] [--app NAME] [--db JDBC_URL] [--dataset NAME]...} */
@Command(name = "sdata-server", mixinStandardHelpOptions = true, version = "sdata-server 0.1",
        description = "An SData 1.1 provider serving the contracts (XSD) in a folder.",
        subcommands = Main.HashPassword.class)
public final class Main implements Callable<Integer> {
    @Option(names = "--port", description = "HTTP port (default 8080; 0 picks a free one)")
    int port = 8080;
    @Option(names = "--host", description = "address to listen on (default: 127.0.0.1 without --users, 0.0.0.0 with)")
    String host;
    @Option(names = "--users", description = "users file, one 'name:bcrypt-hash:grant,...' a line; every request then needs credentials")
    Path users;
    @Option(names = "--jwt-key", description = "PEM public key (RSA or EC) that signs accepted bearer tokens (RS256, ES256)")
    Path jwtKey;
    @Option(names = "--jwt-secret-file", description = "file holding the shared secret of accepted HS256 bearer tokens")
    Path jwtSecretFile;
    @Option(names = "--jwt-issuer", description = "the iss a bearer token must name")
    String jwtIssuer;
    @Option(names = "--jwt-audience", description = "the aud a bearer token must name")
    String jwtAudience;
    @Option(names = "--public-url", description = "the URL clients reach the server at (https://sdata.example.com): links start with it")
    String publicUrl;
    @Option(names = "--allowed-host", description = "a Host header name links may be built from, besides this machine's own (repeatable)")
    List<String> allowedHosts = new ArrayList<>();
    @Option(names = "--trusted-proxy", description = "address of a proxy whose X-Forwarded-*/Forwarded headers place the links (repeatable)")
    List<String> trustedProxies = new ArrayList<>();
    @Option(names = "--tls-keystore", description = "PKCS#12 key store with the server's key and certificate: serve HTTPS")
    Path tlsKeystore;
    @Option(names = "--tls-password-file", description = "file holding the key store's password")
    Path tlsPasswordFile;
    @Option(names = "--http-port", description = "with TLS, also serve plain HTTP on this port (default: none)")
    int httpPort = -1;
    @Option(names = "--allow-basic-over-http", description = "accept Basic credentials over plain HTTP on an address other than loopback")
    boolean allowBasicOverHttp;
    @Option(names = "--allow-anonymous", description = "serve without authentication on an address other than loopback")
    boolean allowAnonymous;
    @Option(names = "--contracts", description = "folder of contracts, each NAME.xsd served as contract NAME (default ./schemas)")
    Path contracts = Path.of("schemas");
    @Option(names = "--app", description = "application name in URLs (default myApp)")
    String app = "myApp";
    @Option(names = "--db", description = "JDBC URL: jdbc:h2:... or jdbc:postgresql://... (default: H2 file database under ./data)")
    String db = "jdbc:h2:file:./data/sdata";
    @Option(names = "--dataset", description = "an extra dataset name (repeatable); '-' always exists")
    List<String> datasets = new ArrayList<>();
    @Option(names = "--max-body", description = "largest accepted request body in bytes (default 10485760)")
    long maxBody = Limits.DEFAULT_MAX_BODY;
    @Option(names = "--read-timeout", description = "seconds a request body may take (default 30), plus one per --min-read-rate bytes received")
    long readTimeout = Limits.DEFAULT_READ_TIMEOUT.toSeconds();
    @Option(names = "--min-read-rate", description = "bytes per second that earn a slow body one more second (default 4096)")
    long minReadRate = Limits.DEFAULT_MIN_READ_RATE;
    @Option(names = "--max-header-bytes", description = "largest request line plus headers in bytes (default 16384)")
    int maxHeaderBytes = Limits.DEFAULT_MAX_HEADER_BYTES;
    @Option(names = "--db-pool", description = "database connections for writes, and at most as many more for reads (default 16)")
    int dbPool = ServerConfig.DEFAULT_DB_POOL;
    @Option(names = "--concurrency", description = "KIND=strict|optional, repeatable, * for every kind: whether a PUT needs"
            + " If-Match (strict, the default) or, without it, the last writer wins (optional)")
    List<String> concurrency = new ArrayList<>();
    @Option(names = "--cors-origin", description = "an origin (https://app.example.com) whose pages may call this server"
            + " from a browser, repeatable; * for any origin, without credentials")
    List<String> corsOrigins = new ArrayList<>();
    @Option(names = "--batch-max-entries", description = "entries one $batch may hold (default 1000)")
    int batchMaxEntries = ServerConfig.DEFAULT_BATCH_MAX_ENTRIES;
    @Option(names = "--batch-waves", description = "auto (the default), always or never: whether the entries of a batch"
            + " share round trips to PostgreSQL; auto and always do")
    io.sdataserver.store.Waves batchWaves = io.sdataserver.store.Waves.AUTO;
    @Option(names = "--workers", description = "threads running requests against the database (default 16)")
    int workers = Limits.DEFAULT_WORKERS;
    @Option(names = "--queue", description = "requests that may wait for a worker before 503 (default 64)")
    int queue = Limits.DEFAULT_QUEUE;
    @Option(names = "--max-buffered", description = "request body bytes held in memory at once, all clients (default: a quarter of the heap)")
    long maxBuffered = Limits.DEFAULT_MAX_BUFFERED;
    @Option(names = "--max-connections-per-client", description = "open connections per client address, 0 for no cap (default 0)")
    int maxConnectionsPerClient;
    @Option(names = "--dev", description = "development mode: stack traces in diagnoses")
    boolean dev;

    public static void main(String[] args) {
        CommandLine cl = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
        // Exactly one line on a bad command line, exit code 2 (scripts depend on it).
        cl.setParameterExceptionHandler((ex, a) -> {
            System.err.println("sdata-server: " + ex.getMessage());
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, p) -> {
            System.err.println("sdata-server: " + oneLine(ex));
            return 2;
        });
        int code = cl.execute(args);
        if (code != 0 || cl.isUsageHelpRequested() || cl.isVersionHelpRequested()) System.exit(code);
    }

    @Override
    public Integer call() throws Exception {
        if (dbPool < 1) throw new IllegalArgumentException("--db-pool must be at least 1");
        if (batchMaxEntries < 1) throw new IllegalArgumentException("--batch-max-entries must be at least 1");
        for (String o : corsOrigins) {
            if (!o.equals("*") && !o.matches("https?://[^/\\s]+")) {
                throw new IllegalArgumentException("--cors-origin '" + o + "' is not * or an origin such as https://app.example.com");
            }
        }
        for (String ds : datasets) {
            if (ds.isBlank() || ds.contains("/")) throw new IllegalArgumentException("invalid dataset name '" + ds + "'");
        }
        Limits limits = new Limits(maxBody, Duration.ofSeconds(readTimeout), minReadRate, maxHeaderBytes, workers, queue,
                maxConnectionsPerClient, maxBuffered == Limits.DEFAULT_MAX_BUFFERED ? Math.max(maxBuffered, maxBody) : maxBuffered);
        if (jwtKey != null && jwtSecretFile != null) throw new IllegalArgumentException("give --jwt-key or --jwt-secret-file, not both");
        io.sdataserver.security.Security security = new io.sdataserver.security.Security(users, jwtKey, jwtSecretFile, jwtIssuer, jwtAudience);
        String bind = host != null ? host : security.enabled() ? "0.0.0.0" : "localhost";
        if (security.basic() && tlsKeystore == null && !allowBasicOverHttp && !isLoopback(bind)) {
            // SEC-3: passwords must not cross a network in clear
            throw new IllegalArgumentException("refusing Basic credentials over plain HTTP on " + bind + ": give --tls-keystore,"
                    + " or --allow-basic-over-http when a TLS proxy in front of the server protects them");
        }
        if (!security.enabled() && !allowAnonymous && !isLoopback(bind)) {
            throw new IllegalArgumentException("refusing to serve " + bind + " without authentication: give --users FILE, or"
                    + " --allow-anonymous to let anyone who reaches that address read and change everything");
        }
        ServerConfig config = new ServerConfig(port, contracts, app, db, List.copyOf(datasets), dev, limits,
                ServerConfig.DEFAULT_PAGE_SIZE, ServerConfig.MAX_PAGE_SIZE, dbPool, batchMaxEntries,
                io.sdataserver.service.ConcurrencyModes.parse(concurrency), List.copyOf(corsOrigins), security,
                new io.sdataserver.http.PublicAddress(publicUrl == null ? null : java.net.URI.create(publicUrl), allowedHosts,
                        trustedProxies),
                new io.sdataserver.http.Tls(tlsKeystore, tlsPasswordFile, httpPort), batchWaves);
        if (tlsKeystore == null && httpPort >= 0) throw new IllegalArgumentException("--http-port goes with --tls-keystore");
        SDataServer server = SDataServer.start(config, bind);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "sdata-shutdown"));
        System.out.println("sdata-server ready at " + server.baseUrl() + "/" + app);
        System.out.flush();
        stopped.await();
        return 0;
    }

    private static boolean isLoopback(String address) {
        try {
            return java.net.InetAddress.getByName(address).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** {@code hash-password}: reads a password on standard input and prints its bcrypt hash for the users file. */
    @Command(name = "hash-password", mixinStandardHelpOptions = true,
            description = "Reads a password on standard input (one line) and prints its bcrypt hash for --users.")
    static final class HashPassword implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            java.io.Console console = System.console();
            String password;
            if (console != null) {
                char[] p = console.readPassword("password: ");
                password = p == null ? null : new String(p);
            } else {
                password = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8)).readLine();
            }
            if (password == null || password.isEmpty()) throw new IllegalArgumentException("no password on standard input");
            System.out.println(io.sdataserver.security.UsersFile.hash(password.toCharArray()));
            return 0;
        }
    }

    private static String oneLine(Throwable t) {
        String m = t.getMessage() == null ? t.toString() : t.getMessage();
        return m.replaceAll("\\s+", " ");
    }
}
