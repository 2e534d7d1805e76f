package io.sdataserver.http;

import io.sdataserver.testsupport.Backend;

class PipelinePostgresTest extends PipelineContract {
    @Override Backend backend() { return Backend.POSTGRES; }
}
