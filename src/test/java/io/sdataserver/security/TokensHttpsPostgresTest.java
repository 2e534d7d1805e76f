package io.sdataserver.security;

import io.sdataserver.testsupport.Backend;

/** Bearer tokens over HTTPS. */
class TokensHttpsPostgresTest extends TokensContract {
    @Override Backend backend() { return Backend.POSTGRES; }

    @Override boolean https() { return true; }
}
