package io.sdataserver;

import io.sdataserver.http.gate.Limits;
import io.sdataserver.security.Security;
import io.sdataserver.service.ConcurrencyModes;
import java.nio.file.Path;
import java.util.List;

/** Everything the server is started with; see the README's configuration table. */
public record ServerConfig(int port, Path contracts, String application, String databaseUrl, List<String> datasets,
                           boolean dev, Limits limits, int defaultPageSize, int maxPageSize, int dbPoolSize,
                           int batchMaxEntries, ConcurrencyModes concurrency, List<String> corsOrigins, Security security,
                           io.sdataserver.http.PublicAddress publicAddress, io.sdataserver.http.Tls tls,
                           io.sdataserver.store.Waves batchWaves) {
    public static final int DEFAULT_PAGE_SIZE = 100;
    public static final int MAX_PAGE_SIZE = 1000;
    public static final int DEFAULT_BATCH_MAX_ENTRIES = 1000;
    /** Connections to the database; a worker holds at most one at a time (the -Dsdata.db.poolSize property still counts). */
    public static final int DEFAULT_DB_POOL = Integer.getInteger("sdata.db.poolSize", 16);

    public static ServerConfig defaults(Path contracts, String databaseUrl) {
        return new ServerConfig(0, contracts, "myApp", databaseUrl, List.of(), false, Limits.defaults(),
                DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, DEFAULT_DB_POOL, DEFAULT_BATCH_MAX_ENTRIES, ConcurrencyModes.STRICT, List.of(), Security.NONE,
                io.sdataserver.http.PublicAddress.DEFAULT, io.sdataserver.http.Tls.NONE, io.sdataserver.store.Waves.AUTO);
    }

    /** Used by the benchmark programs in bench/. */
    public ServerConfig withPort(int p) {
        return new ServerConfig(p, contracts, application, databaseUrl, datasets, dev, limits, defaultPageSize, maxPageSize,
                dbPoolSize, batchMaxEntries, concurrency, corsOrigins, security, publicAddress, tls, batchWaves);
    }

    public ServerConfig withDatasets(List<String> ds) {
        return new ServerConfig(port, contracts, application, databaseUrl, ds, dev, limits, defaultPageSize, maxPageSize, dbPoolSize,
                batchMaxEntries, concurrency, corsOrigins, security, publicAddress, tls, batchWaves);
    }

    public ServerConfig withDbPoolSize(int n) {
        return new ServerConfig(port, contracts, application, databaseUrl, datasets, dev, limits, defaultPageSize, maxPageSize, n,
                batchMaxEntries, concurrency, corsOrigins, security, publicAddress, tls, batchWaves);
    }

    public ServerConfig withBatchMaxEntries(int n) {
        return new ServerConfig(port, contracts, application, databaseUrl, datasets, dev, limits, defaultPageSize, maxPageSize,
                dbPoolSize, n, concurrency, corsOrigins, security, publicAddress, tls, batchWaves);
    }

    public ServerConfig withLimits(Limits l) {
        return new ServerConfig(port, contracts, application, databaseUrl, datasets, dev, l, defaultPageSize, maxPageSize, dbPoolSize,
                batchMaxEntries, concurrency, corsOrigins, security, publicAddress, tls, batchWaves);
    }

    public ServerConfig withConcurrency(ConcurrencyModes c) {
        return new ServerConfig(port, contracts, application, databaseUrl, datasets, dev, limits, defaultPageSize, maxPageSize,
                dbPoolSize, batchMaxEntries, c, corsOrigins, security, publicAddress, tls, batchWaves);
    }

    public ServerConfig withCorsOrigins(List<String> origins) {
        return new ServerConfig(port, contracts, application, databaseUrl, datasets, dev, limits, defaultPageSize, maxPageSize,
                dbPoolSize, batchMaxEntries, concurrency, List.copyOf(origins), security, publicAddress, tls, batchWaves);
    }

    public ServerConfig withSecurity(Security s) {
        return new ServerConfig(port, contracts, application, databaseUrl, datasets, dev, limits, defaultPageSize, maxPageSize,
                dbPoolSize, batchMaxEntries, concurrency, corsOrigins, s, publicAddress, tls, batchWaves);
    }

    public ServerConfig withPublicAddress(io.sdataserver.http.PublicAddress a) {
        return new ServerConfig(port, contracts, application, databaseUrl, datasets, dev, limits, defaultPageSize, maxPageSize,
                dbPoolSize, batchMaxEntries, concurrency, corsOrigins, security, a, tls, batchWaves);
    }

    public ServerConfig withTls(io.sdataserver.http.Tls t) {
        return new ServerConfig(port, contracts, application, databaseUrl, datasets, dev, limits, defaultPageSize, maxPageSize,
                dbPoolSize, batchMaxEntries, concurrency, corsOrigins, security, publicAddress, t, batchWaves);
    }

    public ServerConfig withBatchWaves(io.sdataserver.store.Waves w) {
        return new ServerConfig(port, contracts, application, databaseUrl, datasets, dev, limits, defaultPageSize, maxPageSize,
                dbPoolSize, batchMaxEntries, concurrency, corsOrigins, security, publicAddress, tls, w);
    }

    /** With a users file every request needs credentials. */
    public ServerConfig withUsersFile(Path users) {
        return withSecurity(new Security(users, security.jwtKey(), security.jwtSecretFile(), security.jwtIssuer(), security.jwtAudience()));
    }
}
