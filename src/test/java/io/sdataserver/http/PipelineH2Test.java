package io.sdataserver.http;

import io.sdataserver.testsupport.Backend;

class PipelineH2Test extends PipelineContract {
    @Override Backend backend() { return Backend.H2; }
}
