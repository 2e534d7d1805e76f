package io.sdataserver.batch;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Kill and restart on an H2 file database, the zero-setup default. */
class BatchCrashH2Test extends BatchCrashContract {
    @TempDir
    Path dir;

    @Override String databaseUrl() { return "jdbc:h2:file:" + dir.resolve("batch").toAbsolutePath(); }

    @Override int rounds() { return 3; }
}
