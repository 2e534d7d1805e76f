package io.sdataserver.pipeline;

import io.sdataserver.testsupport.Backend;

class DispatcherH2Test extends DispatcherContract {
    @Override Backend backend() { return Backend.H2; }
}
