package io.sdataserver.store;

import io.sdataserver.testsupport.Backend;

class MirroredAssociationH2Test extends MirroredAssociationContract {
    @Override Backend backend() { return Backend.H2; }
}
