package io.sdataserver.query;

import io.sdataserver.testsupport.Backend;

class QueryH2Test extends QueryContract {
    @Override Backend backend() { return Backend.H2; }
}
