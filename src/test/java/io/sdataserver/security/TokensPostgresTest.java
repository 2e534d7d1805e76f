package io.sdataserver.security;

import io.sdataserver.testsupport.Backend;

class TokensPostgresTest extends TokensContract {
    @Override Backend backend() { return Backend.POSTGRES; }
}
