package io.sdataserver.security;

import io.sdataserver.testsupport.Backend;

class TokensH2Test extends TokensContract {
    @Override Backend backend() { return Backend.H2; }
}
