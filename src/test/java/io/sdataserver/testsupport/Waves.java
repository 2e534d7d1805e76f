package io.sdataserver.testsupport;

import io.sdataserver.ServerConfig;
import java.util.List;

/**
 * Test servers on PostgreSQL run batches in waves ({@code --batch-waves always}): with the database on the same
 * machine the default (auto) would run them one entry after another, the same path H2 takes, and the waves would go
 * untested. {@link TestServer#startExactly} and a command line that names the mode keep it.
 */
final class Waves {
    private Waves() { }

    static ServerConfig onPostgres(ServerConfig cfg) {
        boolean postgres = cfg.databaseUrl().startsWith("jdbc:postgresql:");
        return postgres && cfg.batchWaves() == io.sdataserver.store.Waves.AUTO ? cfg.withBatchWaves(io.sdataserver.store.Waves.ALWAYS) : cfg;
    }

    /** The arguments to add to a server process's command line. */
    static List<String> onPostgres(List<String> args) {
        int db = args.indexOf("--db");
        boolean postgres = db >= 0 && db + 1 < args.size() && args.get(db + 1).startsWith("jdbc:postgresql:");
        return postgres && !args.contains("--batch-waves") ? List.of("--batch-waves", "always") : List.of();
    }
}
