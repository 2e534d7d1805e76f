package io.sdataserver.store;

import io.sdataserver.testsupport.Backend;

class MirroredAssociationPostgresTest extends MirroredAssociationContract {
    @Override Backend backend() { return Backend.POSTGRES; }
}
