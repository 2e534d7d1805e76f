package io.sdataserver.http;

import io.sdataserver.testsupport.Backend;

class AdmissionH2Test extends AdmissionContract {
    @Override Backend backend() { return Backend.H2; }
}
