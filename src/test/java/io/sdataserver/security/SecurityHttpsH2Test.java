package io.sdataserver.security;

import io.sdataserver.testsupport.Backend;

/** The security suite over HTTPS. */
class SecurityHttpsH2Test extends SecurityContract {
    @Override Backend backend() { return Backend.H2; }

    @Override boolean https() { return true; }
}
