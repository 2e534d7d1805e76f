package io.sdataserver.update;

import io.sdataserver.testsupport.Backend;

class WriteH2Test extends WriteContract {
    @Override Backend backend() { return Backend.H2; }
}
