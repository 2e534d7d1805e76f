package io.sdataserver.update;

import io.sdataserver.testsupport.Backend;

class WritePostgresTest extends WriteContract {
    @Override Backend backend() { return Backend.POSTGRES; }
}
