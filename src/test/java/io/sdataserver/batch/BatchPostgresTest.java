package io.sdataserver.batch;

import io.sdataserver.testsupport.Backend;

class BatchPostgresTest extends BatchContract {
    @Override Backend backend() { return Backend.POSTGRES; }
}
