package io.sdataserver.security;

import io.sdataserver.testsupport.Backend;

class OperationsH2Test extends OperationsContract {
    @Override Backend backend() { return Backend.H2; }
}
