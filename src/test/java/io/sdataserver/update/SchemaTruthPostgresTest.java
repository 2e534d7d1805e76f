package io.sdataserver.update;

import io.sdataserver.testsupport.Backend;

class SchemaTruthPostgresTest extends SchemaTruthContract {
    @Override Backend backend() { return Backend.POSTGRES; }
}
