package io.sdataserver.http;

import io.sdataserver.diagnosis.Diagnosis;
import io.sdataserver.diagnosis.SDataException;
import io.sdataserver.security.Caller;
import io.sdataserver.security.Grant;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

/** {@code GET /metrics}: Prometheus text; with authentication on, for callers with the {@code admin} grant. */
@Path("metrics")
public final class MetricsResource {
    private final Metrics metrics;

    public MetricsResource(Metrics metrics) { this.metrics = metrics; }

    @GET
    public Response metrics(@Context ContainerRequestContext request) {
        Caller caller = AuthFilter.caller(request);
        if (!caller.may(Grant.Level.ADMIN, null, null)) {
            throw new SDataException(403, Diagnosis.application("Forbidden", caller.name() + " may not read the metrics (needs admin)", null));
        }
        return Response.ok(metrics.scrape(), "text/plain; version=0.0.4; charset=utf-8").header("Cache-Control", "no-store").build();
    }
}
