package io.sdataserver.store;

/**
 * Whether the entries of a batch share round trips to the database ({@link Wave}, PostgreSQL only). By default
 * (auto) they do, near or far: with the database on another machine a round trip is what an entry costs most
 * (1,000 updates three times faster in waves through a 0.3 ms link), and on the same machine the same statement of
 * a wave's entries runs as one ({@link ChainMerge}), which saves more than the hand-over between the entries'
 * threads costs (perf-notes, fifth pass). {@code always} is the same as auto; {@code never} runs the entries one
 * after another.
 */
public enum Waves {
    AUTO, ALWAYS, NEVER;

    /** Whether this batch's entries, about to run in {@code uow}, should share round trips. */
    public boolean pay(UnitOfWork uow) {
        return this != NEVER && uow.runsTogether();
    }
}
