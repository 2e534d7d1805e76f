package io.sdataserver.testsupport;

import java.util.concurrent.atomic.AtomicInteger;

/** The databases every HTTP test runs against: H2 (embedded default) and a real PostgreSQL. */
public enum Backend {
    H2, POSTGRES;

    private static final AtomicInteger H2_COUNTER = new AtomicInteger();

    /** A fresh, empty database for one server. */
    public String newDatabaseUrl() {
        if (this == POSTGRES) return Postgres.newDatabaseUrl();
        return "jdbc:h2:mem:sdata" + H2_COUNTER.incrementAndGet() + "_" + ProcessHandle.current().pid() + ";DB_CLOSE_DELAY=-1";
    }
}
