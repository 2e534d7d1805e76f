package io.sdataserver.pipeline;

import io.sdataserver.diagnosis.Diagnosis;
import io.sdataserver.diagnosis.SDataException;
import io.sdataserver.security.Caller;
import io.sdataserver.security.Grant;
import io.sdataserver.service.Dataset;

/**
 * What a caller may do, decided on the target and the effective method before anything is read (§6.10), so that a
 * refused caller learns nothing from a 404: reading needs {@code read} on the target's contract and dataset, any
 * write {@code write}. A batch is a read of its URL; each of its entries is decided on its own target as it runs.
 */
final class Access {
    private Access() { }

    static void check(SDataRequest r) {
        Caller caller = r.caller();
        if (caller.unrestricted()) return;
        Dataset ds = r.target().dataset();
        Grant.Level needed = needed(r);
        if (caller.may(needed, ds.contract().name(), ds.name())) return;
        throw new SDataException(403, Diagnosis.application("Forbidden", caller.name() + " may not "
                + (needed == Grant.Level.READ ? "read" : "write") + " in " + ds.contract().name() + "/" + ds.name()
                + " (needs the grant " + needed.name().toLowerCase(java.util.Locale.ROOT) + "@" + ds.contract().name() + ")", null));
    }

    private static Grant.Level needed(SDataRequest r) {
        if (r.target() instanceof Target.Batch) return "DELETE".equals(r.method()) ? Grant.Level.WRITE : Grant.Level.READ;
        return r.isRead() ? Grant.Level.READ : Grant.Level.WRITE;
    }
}
