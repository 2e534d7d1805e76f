package io.sdataserver.http;

import io.sdataserver.atom.AtomFeed;
import io.sdataserver.atom.AtomWriter;
import io.sdataserver.atom.Link;
import io.sdataserver.contract.ResourceKind;
import io.sdataserver.diagnosis.Diagnosis;
import io.sdataserver.diagnosis.SDataException;
import io.sdataserver.payload.PayloadShape;
import io.sdataserver.payload.ResourceState;
import io.sdataserver.service.Dataset;
import io.sdataserver.service.FeedQuery;
import io.sdataserver.service.MethodNotAllowedException;
import io.sdataserver.service.ResourceService;
import io.sdataserver.store.TrackedPost;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A resource kind URL: GET is the paged feed (§3, §6.4), POST creates a resource (§8.1). */
public final class CollectionResource {
    private final Services services;
    private final Dataset ds;
    private final Urls urls;
    private final ResourceKind kind;

    CollectionResource(Services services, Dataset ds, Urls urls, ResourceKind kind) {
        this.services = services;
        this.ds = ds;
        this.urls = urls;
        this.kind = kind;
    }

    @GET
    public Response feed(@Context UriInfo uri, @HeaderParam("If-None-Match") String ifNoneMatch,
                         @QueryParam("where") String where, @QueryParam("orderBy") String orderBy) {
        FeedQuery q = services.queries().collection(ds, kind, where, orderBy);
        FeedPaging paging = FeedPaging.of(uri.getQueryParameters(), services.config());
        List<Link> links = new ArrayList<>();
        Representations.kindLinks(urls, kind, links);
        PayloadShape shape = Representations.shape(uri, kind.type());
        var resolver = services.resolver(ds);
        Representations r = services.representations();
        return FeedResponses.write(services, uri, ifNoneMatch, q, paging, new FeedResponses.FeedHead(urls.collection(kind),
                Representations.title(kind), links, kind, s -> r.entry(urls, kind, s, shape, false, resolver)));
    }

    @POST
    public Response create(InputStream body, @Context UriInfo uri) {
        String trackingId = uri.getQueryParameters().getFirst("trackingID");
        if (trackingId == null) trackingId = uri.getQueryParameters().getFirst("trackingId"); // both spellings occur (§12.3)
        if (trackingId != null) {
            TrackedPost post = services.resources().postTracked(ds, kind, trackingId,
                    () -> services.atomReader().readEntry(body).resource());
            return TrackedPostResource.accepted(urls, kind, post);
        }
        ResourceService.Written w = services.resources().create(ds, kind, () -> services.atomReader().readEntry(body).resource());
        ResourceState created = w.state();
        PayloadShape shape = Representations.writeShape(uri, kind.type(), w, true, PayloadShape.CHILDREN);
        Representations r = services.representations();
        return r.entryResponse(Response.created(URI.create(urls.resource(kind, created.key()))),
                r.entry(urls, kind, created, shape, true, services.resolver(ds))).build();
    }

    /** PUT and DELETE address single resources, never the collection: 405 with what this URL answers. */
    @PUT
    public Response put() { throw notOnCollection("PUT"); }

    @DELETE
    public Response delete() { throw notOnCollection("DELETE"); }

    private MethodNotAllowedException notOnCollection(String method) {
        return new MethodNotAllowedException(method + " is not allowed on a collection; use " + kind.pluralName() + "('key')",
                ResourceService.allowedOnCollection(kind));
    }
}
