package io.sdataserver.json;

import io.sdataserver.testsupport.Backend;

class JsonH2Test extends JsonContract {
    @Override Backend backend() { return Backend.H2; }
}
