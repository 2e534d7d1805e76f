package io.sdataserver.spec;

import io.sdataserver.testsupport.Backend;

class SpecExamplesH2Test extends SpecExamplesContract {
    @Override Backend backend() { return Backend.H2; }
}
