package io.sdataserver.store;

import io.sdataserver.testsupport.Backend;

class SchemaMigrationH2Test extends SchemaMigrationContract {
    @Override Backend backend() { return Backend.H2; }
}
