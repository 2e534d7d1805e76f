package io.sdataserver.http;

import io.sdataserver.testsupport.Backend;

class AdmissionPostgresTest extends AdmissionContract {
    @Override Backend backend() { return Backend.POSTGRES; }
}
