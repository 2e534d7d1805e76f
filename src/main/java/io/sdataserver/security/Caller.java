package io.sdataserver.security;

import java.util.List;

/**
 * Who sent a request, and what they may do. Without authentication configured every request is
 * {@link #UNRESTRICTED}; with it, a request carries the caller its credentials proved.
 */
public record Caller(String name, List<Grant> grants, boolean unrestricted) {
    public static final Caller UNRESTRICTED = new Caller(null, List.of(), true);

    public static Caller of(String name, List<Grant> grants) { return new Caller(name, List.copyOf(grants), false); }

    /** May the caller do {@code level} in this contract's dataset? */
    public boolean may(Grant.Level level, String contract, String dataset) {
        if (unrestricted) return true;
        for (Grant g : grants) if (g.allows(level, contract, dataset)) return true;
        return false;
    }

    /** May the caller read anything in this contract (dataset null) or this dataset? For the lists of what exists. */
    public boolean sees(String contract, String dataset) {
        if (unrestricted) return true;
        for (Grant g : grants) if (g.reaches(contract, dataset)) return true;
        return false;
    }
}
