package io.sdataserver.batch;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** On an H2 file database, opened by one process at a time: server mode lets a second process share it. */
class AsyncBatchProcessesH2Test extends AsyncBatchProcessesContract {
    @TempDir
    Path dir;

    @Override String databaseUrl() { return "jdbc:h2:file:" + dir.resolve("jobs").toAbsolutePath() + ";AUTO_SERVER=TRUE"; }
}
