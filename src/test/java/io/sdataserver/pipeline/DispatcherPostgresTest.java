package io.sdataserver.pipeline;

import io.sdataserver.testsupport.Backend;

class DispatcherPostgresTest extends DispatcherContract {
    @Override Backend backend() { return Backend.POSTGRES; }
}
