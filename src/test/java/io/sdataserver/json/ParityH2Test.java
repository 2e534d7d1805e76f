package io.sdataserver.json;

import io.sdataserver.testsupport.Backend;

class ParityH2Test extends ParityContract {
    @Override Backend backend() { return Backend.H2; }
}
