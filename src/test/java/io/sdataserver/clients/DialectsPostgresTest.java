package io.sdataserver.clients;

import io.sdataserver.testsupport.Backend;

class DialectsPostgresTest extends DialectsContract {
    @Override Backend backend() { return Backend.POSTGRES; }
}
