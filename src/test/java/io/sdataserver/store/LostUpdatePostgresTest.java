package io.sdataserver.store;

import io.sdataserver.testsupport.Backend;
import io.sdataserver.testsupport.Postgres;
import io.sdataserver.testsupport.ServerProcess;
import io.sdataserver.testsupport.TestServer;
import org.junit.jupiter.api.Test;

class LostUpdatePostgresTest extends LostUpdateContract {
    @Override Backend backend() { return Backend.POSTGRES; }

    @Test
    void eightClientsOneServer() throws Exception {
        try (TestServer s = TestServer.start(backend())) {
            String path = createOrder(s.base());
            long[] r = run(new String[] {s.base()}, path);
            assertNoLostUpdate(s.base(), path, r);
        }
    }

    /** Two server processes on one PostgreSQL: the compare-and-set happens in the database, not in a JVM. */
    @Test
    void eightClientsTwoServerProcessesOneDatabase() throws Exception {
        String db = Postgres.newDatabaseUrl();
        try (ServerProcess a = ServerProcess.start("--port", "0", "--host", "127.0.0.1", "--db", db, "--contracts", "schemas");
             ServerProcess b = ServerProcess.start("--port", "0", "--host", "127.0.0.1", "--db", db, "--contracts", "schemas")) {
            String path = createOrder(a.base());
            long[] r = run(new String[] {a.base(), b.base()}, path);
            assertNoLostUpdate(b.base(), path, r);
        }
    }
}
