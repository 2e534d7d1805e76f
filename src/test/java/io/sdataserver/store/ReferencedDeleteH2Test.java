package io.sdataserver.store;

import io.sdataserver.testsupport.Backend;

class ReferencedDeleteH2Test extends ReferencedDeleteContract {
    @Override Backend backend() { return Backend.H2; }
}
