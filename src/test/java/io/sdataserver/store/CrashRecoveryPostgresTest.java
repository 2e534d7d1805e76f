package io.sdataserver.store;

import io.sdataserver.testsupport.Postgres;

/** Kill and restart on PostgreSQL. */
class CrashRecoveryPostgresTest extends CrashRecoveryContract {
    @Override String databaseUrl() { return Postgres.newDatabaseUrl(); }
}
