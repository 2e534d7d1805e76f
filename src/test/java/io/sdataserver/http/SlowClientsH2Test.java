package io.sdataserver.http;

import io.sdataserver.testsupport.Backend;

class SlowClientsH2Test extends SlowClientsContract {
    @Override Backend backend() { return Backend.H2; }
}
