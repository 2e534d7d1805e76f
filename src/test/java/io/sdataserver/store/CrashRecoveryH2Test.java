package io.sdataserver.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Kill and restart on an H2 file database, the zero-setup default. */
class CrashRecoveryH2Test extends CrashRecoveryContract {
    @TempDir
    Path dir;

    @Override String databaseUrl() { return "jdbc:h2:file:" + dir.resolve("crash").toAbsolutePath(); }
}
