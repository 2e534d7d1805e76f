package io.sdataserver.json;

import io.sdataserver.testsupport.Backend;

class JsonPostgresTest extends JsonContract {
    @Override Backend backend() { return Backend.POSTGRES; }
}
