package io.sdataserver.store;

import java.time.Instant;

/** When a write happens and who makes it (null: nobody authenticated), stamped on every row it touches. */
record Write(Instant at, String by) { }
