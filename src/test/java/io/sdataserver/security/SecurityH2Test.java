package io.sdataserver.security;

import io.sdataserver.testsupport.Backend;

class SecurityH2Test extends SecurityContract {
    @Override Backend backend() { return Backend.H2; }
}
