package io.sdataserver.batch;

import io.sdataserver.testsupport.Backend;

class BatchAnswersPostgresTest extends BatchAnswersContract {
    @Override Backend backend() { return Backend.POSTGRES; }
}
