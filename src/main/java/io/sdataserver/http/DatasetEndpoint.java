package io.sdataserver.http;

import io.sdataserver.payload.RequestEntry;
import io.sdataserver.payload.PayloadSource;
import io.sdataserver.payload.RequestFormat;
import io.sdataserver.pipeline.Query;
import io.sdataserver.pipeline.RequestUrl;
import io.sdataserver.pipeline.SDataRequest;
import io.sdataserver.pipeline.Target;
import io.sdataserver.pipeline.Urls;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.List;
import java.util.function.Supplier;
import org.glassfish.jersey.server.CloseableService;

/**
 * Every URL below a dataset, as JAX-RS sees it: a thin adapter that turns the HTTP request into an
 * {@link SDataRequest} (the method is already the effective one: the override filter ran before routing), hands it
 * to the dispatcher and writes the outcome.
 */
public final class DatasetEndpoint {
    private final Services services;
    private final Target target;
    private final Urls urls;

    DatasetEndpoint(Services services, Target target, Urls urls) {
        this.services = services;
        this.target = target;
        this.urls = urls;
    }

    @GET
    public Response get(@Context UriInfo uri, @Context HttpHeaders headers, @Context CloseableService closer,
                        @Context ContainerRequestContext request) {
        return run("GET", null, uri, headers, closer, request);
    }

    @POST
    public Response post(InputStream body, @Context UriInfo uri, @Context HttpHeaders headers, @Context CloseableService closer,
                        @Context ContainerRequestContext request) {
        return run("POST", body, uri, headers, closer, request);
    }

    @PUT
    public Response put(InputStream body, @Context UriInfo uri, @Context HttpHeaders headers, @Context CloseableService closer,
                        @Context ContainerRequestContext request) {
        return run("PUT", body, uri, headers, closer, request);
    }

    @DELETE
    public Response delete(@Context UriInfo uri, @Context HttpHeaders headers, @Context CloseableService closer,
                        @Context ContainerRequestContext request) {
        return run("DELETE", null, uri, headers, closer, request);
    }

    private Response run(String method, InputStream body, UriInfo uri, HttpHeaders headers, CloseableService closer,
                         ContainerRequestContext request) {
        // one body, read once, as an entry or (by a batch target only) as a batch feed
        request.setProperty(AccessLogFilter.OPERATION, target.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT));
        RequestFormat format = services.formats().body(headers);
        Supplier<RequestEntry> sent = body == null ? () -> null : once(() -> format.readEntry(body));
        Supplier<PayloadSource> entry = () -> sent.get() == null ? null : sent.get().resource();
        // a client that cannot set headers puts the ETag in the entry (<http:ifMatch>, $ifMatch); the header counts (CONC-9)
        String ifMatch = headers.getHeaderString("If-Match");
        if (ifMatch == null && "PUT".equals(method) && body != null && !(target instanceof Target.Batch) && sent.get() != null) {
            ifMatch = sent.get().ifMatch();
        }
        Supplier<List<RequestEntry>> batch = body == null ? SDataRequest.NO_BATCH
                : once(() -> format.readBatch(body, services.config().batchMaxEntries()));
        SDataRequest r = new SDataRequest(target, method, entry, batch,
                ifMatch, headers.getHeaderString("If-None-Match"),
                new Query(uri.getQueryParameters()), new RequestUrl(uri.getRequestUri().toASCIIString()), urls,
                services.formats().answer(uri.getQueryParameters(), headers), AuthFilter.caller(request));
        return services.responses().of(services.dispatcher().dispatch(r), closer, r.answer(), Formats.negotiated(uri.getQueryParameters()),
                "GET".equals(method) ? null : headers.getHeaderString("Prefer"));
    }

    /** The body is parsed on first use (after the checks that need no body) and once only. */
    private static <T> Supplier<T> once(Supplier<T> parse) {
        return new Supplier<>() {
            private boolean parsed;
            private T payload;

            @Override public T get() {
                if (!parsed) {
                    payload = parse.get();
                    parsed = true;
                }
                return payload;
            }
        };
    }
}
