package io.sdataserver.store;

import io.sdataserver.testsupport.Backend;

class SchemaMigrationPostgresTest extends SchemaMigrationContract {
    @Override Backend backend() { return Backend.POSTGRES; }
}
