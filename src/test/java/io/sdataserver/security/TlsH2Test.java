package io.sdataserver.security;

import io.sdataserver.testsupport.Backend;

class TlsH2Test extends TlsContract {
    @Override Backend backend() { return Backend.H2; }
}
