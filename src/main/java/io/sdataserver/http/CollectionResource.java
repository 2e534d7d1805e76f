package io.sdataserver.http;

import io.sdataserver.atom.AtomFeed;
import io.sdataserver.atom.AtomWriter;
import io.sdataserver.atom.Link;
import io.sdataserver.contract.ResourceKind;
import io.sdataserver.diagnosis.Diagnosis;
import io.sdataserver.diagnosis.SDataException;
import io.sdataserver.payload.Inclusion;
import io.sdataserver.payload.ResourceState;
import io.sdataserver.service.Dataset;
import io.sdataserver.service.MethodNotAllowedException;
import io.sdataserver.service.ResourceService;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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
    public Response feed(@Context UriInfo uri, @QueryParam("startIndex") String startIndexParam,
                         @QueryParam("count") String countParam, @QueryParam("include") String include,
                         @QueryParam("where") String where, @QueryParam("orderBy") String orderBy) {
        // Better a clear 501 than an unfiltered feed the client takes for a filtered one.
        if (where != null || orderBy != null) {
            throw new SDataException(501, Diagnosis.application("NotImplemented",
                    "the query language (where, orderBy) is not implemented by this server yet", null));
        }
        long startIndex = parse("startIndex", startIndexParam, 1, 1, Long.MAX_VALUE / 2);
        int count = (int) Math.min(parse("count", countParam, services.config().defaultPageSize(), 0, Integer.MAX_VALUE),
                services.config().maxPageSize());
        long total = services.resources().count(ds, kind);
        List<Link> links = new ArrayList<>();
        links.add(new Link("self", Link.FEED_TYPE, "Refresh", page(uri, startIndex, count)));
        links.add(new Link("first", Link.FEED_TYPE, "First Page", page(uri, 1, count)));
        long lastStart = count == 0 || total == 0 ? 1 : ((total - 1) / count) * count + 1;
        links.add(new Link("last", Link.FEED_TYPE, "Last Page", page(uri, lastStart, count)));
        if (count > 0 && startIndex + count <= total) {
            links.add(new Link("next", Link.FEED_TYPE, "Next Page", page(uri, startIndex + count, count)));
        }
        if (count > 0 && startIndex > 1) {
            links.add(new Link("previous", Link.FEED_TYPE, "Previous Page", page(uri, Math.max(1, startIndex - count), count)));
        }
        Representations.kindLinks(urls, kind, links);
        AtomFeed feed = new AtomFeed(urls.collection(kind), services.config().application() + " | " + Representations.title(kind),
                Instant.now(), services.config().application(), links, "collection", "Resource Collection", total, startIndex, count);
        Inclusion inclusion = Inclusion.parse(include);
        Representations r = services.representations();
        // Streamed: each entry is written as its row arrives; the feed is never held in memory.
        StreamingOutput body = out -> {
            try (AtomWriter w = new AtomWriter(r.abdera(), out)) {
                w.startFeed(feed);
                if (count > 0) {
                    services.resources().page(ds, kind, startIndex - 1, count,
                            (ResourceState s) -> w.feedEntry(r.entry(urls, kind, s, inclusion, false)));
                }
                w.endFeed();
            }
        };
        return Response.ok(body, Representations.FEED).build();
    }

    @POST
    public Response create(InputStream body, @QueryParam("include") String include) {
        ResourceState created = services.resources().create(ds, kind, () -> services.atomReader().readEntry(body).resource());
        Representations r = services.representations();
        return r.entryResponse(Response.created(URI.create(urls.resource(kind, created.key()))),
                r.entry(urls, kind, created, Inclusion.CHILDREN, true)).build();
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

    private static String page(UriInfo uri, long startIndex, int count) {
        return uri.getRequestUriBuilder().replaceQueryParam("startIndex", startIndex).replaceQueryParam("count", count)
                .build().toASCIIString();
    }

    /**
     * A non-negative whole number; values above {@code max} are reduced to it (a page size is capped, not refused:
     * QRY-8), values below {@code min} are refused.
     */
    private static long parse(String name, String value, long dflt, long min, long max) {
        if (value == null || value.isBlank()) return dflt;
        String v = value.trim();
        if (!v.matches("[+-]?\\d+")) throw SDataException.badParameter(name + " must be a whole number (got '" + value + "')");
        java.math.BigInteger n = new java.math.BigInteger(v.startsWith("+") ? v.substring(1) : v);
        if (n.compareTo(java.math.BigInteger.valueOf(min)) < 0) {
            throw SDataException.badParameter(name + " must be at least " + min + " (got " + value + ")");
        }
        return n.compareTo(java.math.BigInteger.valueOf(max)) > 0 ? max : n.longValue();
    }
}
