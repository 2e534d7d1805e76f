package io.sdataserver.store;

import io.sdataserver.payload.ResourceState;

/** The outcome of a conditional write: done (with the new state), stale (with the current state), missing or gone. */
public record WriteResult(Outcome outcome, ResourceState state) {
    public enum Outcome { DONE, STALE, NOT_FOUND, GONE }

    static WriteResult done(ResourceState s) { return new WriteResult(Outcome.DONE, s); }
    static WriteResult stale(ResourceState current) { return new WriteResult(Outcome.STALE, current); }
    static WriteResult missing(boolean gone) { return new WriteResult(gone ? Outcome.GONE : Outcome.NOT_FOUND, null); }
}
