package io.sdataserver.http;

import io.sdataserver.testsupport.Backend;

class SlowClientsPostgresTest extends SlowClientsContract {
    @Override Backend backend() { return Backend.POSTGRES; }
}
