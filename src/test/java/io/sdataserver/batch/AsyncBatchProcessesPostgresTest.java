package io.sdataserver.batch;

import io.sdataserver.testsupport.Postgres;

/** Two server processes, or one killed and restarted, on one PostgreSQL. */
class AsyncBatchProcessesPostgresTest extends AsyncBatchProcessesContract {
    @Override String databaseUrl() { return Postgres.newDatabaseUrl(); }
}
