package io.sdataserver.testsupport;

import io.sdataserver.SDataServer;
import io.sdataserver.ServerConfig;
import io.sdataserver.http.gate.Limits;
import java.nio.file.Path;
import java.util.List;

/** The real server, started in this JVM on a free port against a fresh database. */
public final class TestServer implements AutoCloseable {
    public static final Path BUNDLED_CONTRACTS = Path.of("schemas");
    public static final Path GCRM_CONTRACTS = Path.of("..", "shared", "contracts", "gcrm");

    private final SDataServer server;
    private final String databaseUrl;

    private TestServer(SDataServer server, String databaseUrl) {
        this.server = server;
        this.databaseUrl = databaseUrl;
    }

    public static TestServer start(Backend backend) { return start(backend, BUNDLED_CONTRACTS, List.of("prod"), -1); }

    public static TestServer start(Backend backend, Path contracts, List<String> datasets, long maxBody) {
        return start(backend.newDatabaseUrl(), contracts, datasets, maxBody);
    }

    /** A server on an existing database, e.g. the one a stopped server used: a restart. */
    public static TestServer start(String url, Path contracts, List<String> datasets, long maxBody) {
        ServerConfig cfg = ServerConfig.defaults(contracts, url).withDatasets(datasets);
        if (maxBody > 0) cfg = cfg.withLimits(cfg.limits().withMaxBody(maxBody));
        return start(cfg);
    }

    /** The bundled contract with dataset prod, on the given database, with the given limits. */
    public static TestServer start(String url, Limits limits) {
        return start(ServerConfig.defaults(BUNDLED_CONTRACTS, url).withDatasets(List.of("prod")).withLimits(limits));
    }

    /** The bundled contract with dataset prod on a fresh database of the backend, to adjust before starting. */
    public static ServerConfig configFor(Backend backend) {
        return ServerConfig.defaults(BUNDLED_CONTRACTS, backend.newDatabaseUrl()).withDatasets(List.of("prod"));
    }

    /** A server with the given configuration (its database URL included). */
    public static TestServer start(ServerConfig cfg) {
        try {
            return new TestServer(SDataServer.start(cfg, "127.0.0.1"), cfg.databaseUrl());
        } catch (Exception e) {
            throw new IllegalStateException("server did not start: " + e.getMessage(), e);
        }
    }

    public int port() { return server.port(); }
    public int httpPort() { return server.httpPort(); }
    public io.sdataserver.http.gate.RequestGate.Load load() { return server.load(); }
    public java.util.concurrent.CompletableFuture<Void> shutdownBegun() { return server.shutdownBegun(); }
    public String databaseUrl() { return databaseUrl; }
    /** http://127.0.0.1:PORT/sdata */
    public String sdata() { return server.baseUrl(); }
    /** The default dataset of the bundled contract: .../sdata/myApp/myContract/- */
    public String base() { return sdata() + "/myApp/myContract/-"; }
    public String base(String contract) { return sdata() + "/myApp/" + contract + "/-"; }

    @Override public void close() { server.close(); }
}
