package io.sdataserver;

import io.sdataserver.http.gate.Limits;
import java.nio.file.Path;
import java.util.List;

/** Everything the server is started with; see the README's configuration table. */
public record ServerConfig(int port, Path contracts, String application, String databaseUrl, List<String> datasets,
                           boolean dev, Limits limits, int defaultPageSize, int maxPageSize) {
    public static final int DEFAULT_PAGE_SIZE = 100;
    public static final int MAX_PAGE_SIZE = 1000;

    public static ServerConfig defaults(Path contracts, String databaseUrl) {
        return new ServerConfig(0, contracts, "myApp", databaseUrl, List.of(), false, Limits.defaults(),
                DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    }

    public ServerConfig withPort(int p) {
        return new ServerConfig(p, contracts, application, databaseUrl, datasets, dev, limits, defaultPageSize, maxPageSize);
    }

    public ServerConfig withDatasets(List<String> ds) {
        return new ServerConfig(port, contracts, application, databaseUrl, ds, dev, limits, defaultPageSize, maxPageSize);
    }

    public ServerConfig withLimits(Limits l) {
        return new ServerConfig(port, contracts, application, databaseUrl, datasets, dev, l, defaultPageSize, maxPageSize);
    }
}
