package io.sdataserver.contract;

import io.sdataserver.testsupport.Backend;

class GcrmH2Test extends GcrmContract {
    @Override Backend backend() { return Backend.H2; }
}
