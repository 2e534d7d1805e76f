package io.sdataserver.clients;

import io.sdataserver.testsupport.Backend;

class NpmSdataClientH2Test extends NpmSdataClientContract {
    @Override Backend backend() { return Backend.H2; }
}
