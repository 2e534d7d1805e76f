package io.sdataserver.store;

import io.sdataserver.contract.ValueType;

/** The few places where H2 and PostgreSQL SQL differ. */
public enum Dialect {
    H2, POSTGRESQL;

    public static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:")) return H2;
        if (jdbcUrl.startsWith("jdbc:postgresql:")) return POSTGRESQL;
        throw new IllegalArgumentException("unsupported database URL (jdbc:h2:... or jdbc:postgresql:...): " + jdbcUrl);
    }

    /**
     * The URL the pool connects with. H2 writes committed changes to its file up to half a second later by default,
     * so a killed process would lose transactions it had already answered for; WRITE_DELAY=0 writes each commit
     * through before the answer goes out. An explicit WRITE_DELAY in the URL is left as the operator set it.
     */
    public String connectionUrl(String jdbcUrl) {
        if (this != H2 || jdbcUrl.startsWith("jdbc:h2:mem:") || jdbcUrl.toUpperCase(java.util.Locale.ROOT).contains(";WRITE_DELAY=")) {
            return jdbcUrl;
        }
        return jdbcUrl + ";WRITE_DELAY=0";
    }

    public String columnType(ValueType t) {
        switch (t) {
            case BOOLEAN: return "BOOLEAN";
            case INT: return "INTEGER";
            case LONG: return "BIGINT";
            // H2's NUMERIC without precision has scale 0; DECFLOAT keeps every digit. The lexical scale is kept
            // in a companion column, so "202.70" comes back as written on both databases.
            case INTEGER: case DECIMAL: return this == H2 ? "DECFLOAT" : "NUMERIC";
            case DOUBLE: return "DOUBLE PRECISION";
            case DATE: return "DATE";
            case DATETIME: return "TIMESTAMP WITH TIME ZONE";
            case TIME: return "TIME";
            default: return this == H2 ? "CHARACTER VARYING" : "TEXT" + binaryCollation();
        }
    }

    /**
     * Text compares and sorts by code point on both databases, whatever locale PostgreSQL was initialised with, so
     * a where or orderBy gives the same answer everywhere and a btree index serves it.
     */
    public String binaryCollation() { return this == POSTGRESQL ? " COLLATE \"C\"" : ""; }

    /**
     * Locks a row that a write is about to reference until the write commits, so that a concurrent delete of it
     * waits and then sees the reference (and refuses), instead of both committing and leaving it dangling.
     * PostgreSQL's key-share lock lets writers that reference the same row run side by side.
     */
    public String referenceLock() { return this == POSTGRESQL ? " FOR KEY SHARE" : " FOR UPDATE"; }

    /** The column definition of a lower-cased copy of {@code column} that the database keeps up to date itself. */
    public String lowerCopy(String column, String type) {
        return type + " GENERATED ALWAYS AS (LOWER(" + column + "))" + (this == POSTGRESQL ? " STORED" : "");
    }

    /** The next value of a sequence, as an expression. */
    public String nextValueExpression(String sequence) {
        return this == H2 ? "NEXT VALUE FOR " + sequence : "nextval('" + sequence.replace("\"", "") + "')";
    }

    /**
     * The statement that lets a sequence hand out many values between writes of its state, or null. H2 stores its
     * whole file (a commit's worth of work with {@code WRITE_DELAY=0}) each time a sequence has used up its cache,
     * 32 values by default; a crash skips at most the cached values, and keys have gaps anyway. PostgreSQL logs a
     * sequence's state cheaply, and its cache is per session, so it is left as it is.
     */
    public String sequenceCache(String sequence) {
        return this == H2 ? "ALTER SEQUENCE " + sequence + " CACHE 4096" : null;
    }

    /** A table of {@code n} rows, to select {@code n} values of an expression at once. */
    public String series(int n) {
        return this == H2 ? "SYSTEM_RANGE(1, " + n + ")" : "generate_series(1, " + n + ")";
    }

    /** Serializes schema changes between server processes that start at the same time on one database. */
    public String schemaLock() {
        return this == POSTGRESQL ? "SELECT pg_advisory_xact_lock(58217345)" : null;
    }
}
