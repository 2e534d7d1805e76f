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

    public String nextValue(String sequence) {
        return this == H2 ? "SELECT NEXT VALUE FOR " + sequence : "SELECT nextval('" + sequence.replace("\"", "") + "')";
    }

    /** Serializes schema changes between server processes that start at the same time on one database. */
    public String schemaLock() {
        return this == POSTGRESQL ? "SELECT pg_advisory_xact_lock(58217345)" : null;
    }
}
