package io.sdataserver.security;

import io.sdataserver.testsupport.Backend;

class TlsPostgresTest extends TlsContract {
    @Override Backend backend() { return Backend.POSTGRES; }
}
