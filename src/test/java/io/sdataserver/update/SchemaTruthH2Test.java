package io.sdataserver.update;

import io.sdataserver.testsupport.Backend;

class SchemaTruthH2Test extends SchemaTruthContract {
    @Override Backend backend() { return Backend.H2; }
}
