package io.sdataserver.pipeline;

import io.sdataserver.payload.PayloadSource;
import io.sdataserver.payload.RequestEntry;
import java.util.List;
import java.util.function.Supplier;

/**
 * One SData operation to run, whatever carried it (an HTTP request, a batch entry, later a job): what it
 * addresses, the method after any override, its body (parsed on first use, once), its conditions and query.
 *
 * @param body  the payload of an entry body (null inside: no payload)
 * @param batch the entries of a batch body; only a batch target reads the body this way
 * @param urls  how the answer's links are written (from the base URL the client used)
 * @param answer the representation the client asked for; the outcome is written in it, and a job that keeps its
 *               answer for later keeps it in it
 * @param caller who asks: what they may do is decided on the target before anything is read
 */
public record SDataRequest(Target target, String method, Supplier<PayloadSource> body, Supplier<List<RequestEntry>> batch,
                           String ifMatch, String ifNoneMatch, Query query, RequestUrl url, Urls urls, Representation answer,
                           io.sdataserver.security.Caller caller) {
    public boolean isRead() { return "GET".equals(method); }

    /** No batch body: an operation that is not a batch (a batch entry itself, say). */
    public static final Supplier<List<RequestEntry>> NO_BATCH = List::of;
}
