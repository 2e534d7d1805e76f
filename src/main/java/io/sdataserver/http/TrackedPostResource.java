package io.sdataserver.http;

import io.sdataserver.contract.ResourceKind;
import io.sdataserver.payload.PayloadShape;
import io.sdataserver.payload.ResourceState;
import io.sdataserver.service.Dataset;
import io.sdataserver.store.TrackedPost;
import io.sdataserver.tracking.Tracking;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code {kinds}/$post('{trackingID}')}: a reliable post (§8.4). The create runs inside the POST, so the
 * tracking URL answers with the create's result (201, Location, the entry) as often as asked, until the consumer
 * DELETEs it. The resource itself is not touched by that DELETE.
 */
public final class TrackedPostResource {
    private final Services services;
    private final Dataset ds;
    private final Urls urls;
    private final ResourceKind kind;
    private final String trackingId;

    TrackedPostResource(Services services, Dataset ds, Urls urls, ResourceKind kind, String trackingId) {
        this.services = services;
        this.ds = ds;
        this.urls = urls;
        this.kind = kind;
        this.trackingId = trackingId;
    }

    /** The answer to the POST: 202 with the tracking URL and an sdata:tracking body (TRK-1, TRK-2). */
    static Response accepted(Urls urls, ResourceKind kind, TrackedPost post) {
        long elapsed = Math.max(0, Duration.between(post.created(), Instant.now()).getSeconds());
        Tracking t = new Tracking("Completed", kind.elementName() + " " + post.key() + " created", new BigDecimal("100.0"),
                elapsed, 0, 0);
        return Response.status(Response.Status.ACCEPTED).location(URI.create(urls.trackedPost(kind, post.trackingId())))
                .type(MediaType.APPLICATION_XML_TYPE).entity(t).build();
    }

    @GET
    public Response result() {
        TrackedPost post = services.resources().trackedPost(ds, kind, trackingId);
        ResourceState s = services.resources().read(ds, kind, post.key());
        Representations r = services.representations();
        return r.entryResponse(Response.created(URI.create(urls.resource(kind, s.key()))),
                r.entry(urls, kind, s, PayloadShape.CHILDREN, true, services.resolver(ds))).build();
    }

    @DELETE
    public Response discard() {
        services.resources().discardTrackedPost(ds, kind, trackingId);
        return Response.ok().build();
    }
}
