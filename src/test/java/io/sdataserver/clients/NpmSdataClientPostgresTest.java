package io.sdataserver.clients;

import io.sdataserver.testsupport.Backend;

class NpmSdataClientPostgresTest extends NpmSdataClientContract {
    @Override Backend backend() { return Backend.POSTGRES; }
}
