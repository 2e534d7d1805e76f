package io.sdataserver.batch;

import io.sdataserver.testsupport.Backend;

class BatchWavesH2Test extends BatchWavesContract {
    @Override Backend backend() { return Backend.H2; }
}
