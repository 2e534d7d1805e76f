package io.sdataserver.spec;

import io.sdataserver.testsupport.Backend;

class SpecExamplesPostgresTest extends SpecExamplesContract {
    @Override Backend backend() { return Backend.POSTGRES; }
}
