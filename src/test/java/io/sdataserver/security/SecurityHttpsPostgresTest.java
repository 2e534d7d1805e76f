package io.sdataserver.security;

import io.sdataserver.testsupport.Backend;

/** The security suite over HTTPS. */
class SecurityHttpsPostgresTest extends SecurityContract {
    @Override Backend backend() { return Backend.POSTGRES; }

    @Override boolean https() { return true; }
}
