package io.sdataserver.clients;

import io.sdataserver.testsupport.Backend;

class BrowserH2Test extends BrowserContract {
    @Override Backend backend() { return Backend.H2; }
}
