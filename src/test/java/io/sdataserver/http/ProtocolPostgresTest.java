package io.sdataserver.http;

import io.sdataserver.testsupport.Backend;

class ProtocolPostgresTest extends ProtocolContract {
    @Override Backend backend() { return Backend.POSTGRES; }
}
