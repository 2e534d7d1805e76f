package io.sdataserver.json;

import io.sdataserver.testsupport.Backend;

class ParityPostgresTest extends ParityContract {
    @Override Backend backend() { return Backend.POSTGRES; }
}
