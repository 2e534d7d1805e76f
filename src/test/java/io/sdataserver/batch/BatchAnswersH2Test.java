package io.sdataserver.batch;

import io.sdataserver.testsupport.Backend;

class BatchAnswersH2Test extends BatchAnswersContract {
    @Override Backend backend() { return Backend.H2; }
}
