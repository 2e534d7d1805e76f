package io.sdataserver.pipeline;

import io.sdataserver.payload.PayloadSource;
import java.util.function.Supplier;

/**
 * One SData operation to run, whatever carried it (an HTTP request, later a batch entry or a job): what it
 * addresses, the method after any override, its body (parsed on first use, once), its conditions and query.
 *
 * @param urls how the answer's links are written (from the base URL the client used)
 */
public record SDataRequest(Target target, String method, Supplier<PayloadSource> body, String ifMatch, String ifNoneMatch,
                           Query query, RequestUrl url, Urls urls) {
    public boolean isRead() { return "GET".equals(method); }
}
