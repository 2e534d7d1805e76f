package io.sdataserver.batch;

import io.sdataserver.testsupport.Postgres;

/** Kill and restart on PostgreSQL. */
class BatchCrashPostgresTest extends BatchCrashContract {
    private final String url = Postgres.newDatabaseUrl();

    @Override String databaseUrl() { return url; }

    @Override int rounds() { return 2; }
}
