package io.sdataserver.http;

import io.sdataserver.testsupport.Backend;

class ProtocolH2Test extends ProtocolContract {
    @Override Backend backend() { return Backend.H2; }
}
