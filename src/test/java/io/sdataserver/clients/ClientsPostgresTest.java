package io.sdataserver.clients;

import io.sdataserver.testsupport.Backend;

class ClientsPostgresTest extends ClientsContract {
    @Override Backend backend() { return Backend.POSTGRES; }
}
