package io.sdataserver.security;

import io.sdataserver.testsupport.Backend;

class SecurityPostgresTest extends SecurityContract {
    @Override Backend backend() { return Backend.POSTGRES; }
}
