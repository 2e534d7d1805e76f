package io.sdataserver.security;

import io.sdataserver.testsupport.Backend;

/** Bearer tokens over HTTPS. */
class TokensHttpsH2Test extends TokensContract {
    @Override Backend backend() { return Backend.H2; }

    @Override boolean https() { return true; }
}
