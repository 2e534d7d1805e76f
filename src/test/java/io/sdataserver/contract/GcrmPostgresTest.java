package io.sdataserver.contract;

import io.sdataserver.testsupport.Backend;

class GcrmPostgresTest extends GcrmContract {
    @Override Backend backend() { return Backend.POSTGRES; }
}
