package io.sdataserver.store;

import io.sdataserver.testsupport.Backend;

class ReferencedDeletePostgresTest extends ReferencedDeleteContract {
    @Override Backend backend() { return Backend.POSTGRES; }
}
