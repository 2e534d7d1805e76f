package io.sdataserver.batch;

import io.sdataserver.testsupport.Backend;

class BatchH2Test extends BatchContract {
    @Override Backend backend() { return Backend.H2; }
}
