package io.sdataserver.query;

import io.sdataserver.testsupport.Backend;

class QueryPostgresTest extends QueryContract {
    @Override Backend backend() { return Backend.POSTGRES; }
}
