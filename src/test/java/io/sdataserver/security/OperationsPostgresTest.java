package io.sdataserver.security;

import io.sdataserver.testsupport.Backend;

class OperationsPostgresTest extends OperationsContract {
    @Override Backend backend() { return Backend.POSTGRES; }
}
