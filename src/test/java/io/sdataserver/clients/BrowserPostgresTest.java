package io.sdataserver.clients;

import io.sdataserver.testsupport.Backend;

class BrowserPostgresTest extends BrowserContract {
    @Override Backend backend() { return Backend.POSTGRES; }
}
