package io.sdataserver.store;

import io.sdataserver.testsupport.Backend;
import io.sdataserver.testsupport.TestServer;
import org.junit.jupiter.api.Test;

class LostUpdateH2Test extends LostUpdateContract {
    @Override Backend backend() { return Backend.H2; }

    @Test
    void eightClientsOneServer() throws Exception {
        try (TestServer s = TestServer.start(backend())) {
            String path = createOrder(s.base());
            long[] r = run(new String[] {s.base()}, path);
            assertNoLostUpdate(s.base(), path, r);
        }
    }
}
