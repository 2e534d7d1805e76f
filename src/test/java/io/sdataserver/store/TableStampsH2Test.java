package io.sdataserver.store;

import io.sdataserver.testsupport.Backend;

class TableStampsH2Test extends TableStampsContract {
    @Override Backend backend() { return Backend.H2; }
}
