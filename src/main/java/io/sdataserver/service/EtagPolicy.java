package io.sdataserver.service;

import io.sdataserver.contract.ResourceKind;
import io.sdataserver.payload.ResourceState;

/**
 * How one resource kind takes part in the ETag protocol (§9.3, CONC-*), in one object: whether its entries carry
 * an ETag, whether a PUT must send If-Match, and what a client's If-Match or If-None-Match means for it. Today it
 * follows sme:supportsETag; the other products' dialects (ETag optional, token in the body) become policies here.
 */
public final class EtagPolicy {
    private static final EtagPolicy STRICT = new EtagPolicy(true);
    private static final EtagPolicy NONE = new EtagPolicy(false);

    private final boolean etags;

    private EtagPolicy(boolean etags) { this.etags = etags; }

    public static EtagPolicy of(ResourceKind kind) { return kind.supportsETag() ? STRICT : NONE; }

    /** The ETag an entry of this kind shows (header and http:etag alike), or null when the kind has none. */
    public String emitted(ResourceState s) { return etags ? s.etag() : null; }

    /** Whether an update must carry If-Match (CONC-6); a kind without ETags ignores it (CONC-12). */
    public boolean requiredOnUpdate() { return etags; }

    /** The condition a write of this kind runs under, from the client's If-Match (absent when the kind has no ETags). */
    public EtagRule.IfMatch condition(String ifMatch) { return etags ? EtagRule.parse(ifMatch) : EtagRule.IfMatch.ABSENT; }

    /** Whether a GET with this If-None-Match is answered 304 for a representation whose ETag is {@code current}. */
    public static boolean notModified(String ifNoneMatch, String current) {
        return current != null && EtagRule.parse(ifNoneMatch).matches(current);
    }
}
