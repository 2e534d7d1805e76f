package io.sdataserver;

import java.nio.file.Path;
import java.util.List;

/** Everything the server is started with; see the README's configuration table. */
public record ServerConfig(int port, Path contracts, String application, String databaseUrl, List<String> datasets,
                           boolean dev, long maxBodyBytes, int defaultPageSize, int maxPageSize) {
    public static final int DEFAULT_PAGE_SIZE = 100;
    public static final int MAX_PAGE_SIZE = 1000;
    public static final long DEFAULT_MAX_BODY = 10L * 1024 * 1024;

    public static ServerConfig defaults(Path contracts, String databaseUrl) {
        return new ServerConfig(0, contracts, "myApp", databaseUrl, List.of(), false, DEFAULT_MAX_BODY,
                DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    }

    public ServerConfig withPort(int p) {
        return new ServerConfig(p, contracts, application, databaseUrl, datasets, dev, maxBodyBytes, defaultPageSize, maxPageSize);
    }

    public ServerConfig withDatasets(List<String> ds) {
        return new ServerConfig(port, contracts, application, databaseUrl, ds, dev, maxBodyBytes, defaultPageSize, maxPageSize);
    }

    public ServerConfig withMaxBodyBytes(long max) {
        return new ServerConfig(port, contracts, application, databaseUrl, datasets, dev, max, defaultPageSize, maxPageSize);
    }
}
