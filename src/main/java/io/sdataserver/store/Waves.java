package io.sdataserver.store;

/**
 * Whether the entries of a batch share round trips to the database ({@link Wave}, PostgreSQL only): always, never,
 * or, by default, when a round trip is slow enough for it to pay. With the database on the same machine a round trip
 * is 20-60 µs, and the hand-over between the entries' threads cost more than sharing saved (1,000 updates 105-118 ms
 * one after another, 129-135 in waves); with it 0.3 ms away, waves made them three times faster (perf-notes).
 */
public enum Waves {
    AUTO, ALWAYS, NEVER;

    /** A round trip at least this long makes waves pay: a database on another machine. */
    static final long FAR_MICROS = 100;

    /** Whether this batch's entries, about to run in {@code uow}, should share round trips. */
    public boolean pay(UnitOfWork uow) {
        if (this == NEVER || !uow.runsTogether()) return false;
        return this == ALWAYS || uow.roundTripMicros() >= FAR_MICROS;
    }
}
