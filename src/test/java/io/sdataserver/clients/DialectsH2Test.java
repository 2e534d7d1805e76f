package io.sdataserver.clients;

import io.sdataserver.testsupport.Backend;

class DialectsH2Test extends DialectsContract {
    @Override Backend backend() { return Backend.H2; }
}
