package io.sdataserver.batch;

import io.sdataserver.testsupport.Backend;

class BatchWavesPostgresTest extends BatchWavesContract {
    @Override Backend backend() { return Backend.POSTGRES; }
}
