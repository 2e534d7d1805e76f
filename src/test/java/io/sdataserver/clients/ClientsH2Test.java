package io.sdataserver.clients;

import io.sdataserver.testsupport.Backend;

class ClientsH2Test extends ClientsContract {
    @Override Backend backend() { return Backend.H2; }
}
