package io.sdataserver.http;

import io.sdataserver.atom.Link;
import io.sdataserver.contract.Property;
import io.sdataserver.contract.ResourceKind;
import io.sdataserver.payload.PayloadShape;
import io.sdataserver.service.Dataset;
import io.sdataserver.service.MethodNotAllowedException;
import java.io.InputStream;
import io.sdataserver.service.FeedQuery;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * A collection property URL such as {@code salesOrders('O1')/orderLines} or {@code customers('C1')/salesOrders}:
 * a feed with every query feature (§6.8, QRY-19), filtered in the scope of the right-most kind (QL-13). Entries carry
 * their own kind's URL as id (QRY-21).
 */
public final class RelatedFeedResource {
    private final Services services;
    private final Dataset ds;
    private final Urls urls;
    private final ResourceKind owner;
    private final String key;
    private final Property property;

    RelatedFeedResource(Services services, Dataset ds, Urls urls, ResourceKind owner, String key, Property property) {
        this.services = services;
        this.ds = ds;
        this.urls = urls;
        this.owner = owner;
        this.key = key;
        this.property = property;
    }

    /** POST on a child list appends a child (§8.3, CRE-10); 405 where the relationship does not allow it. */
    @POST
    public Response append(InputStream body, @Context UriInfo uri) {
        if (!property.isChild()) {
            throw new MethodNotAllowedException("POST is not allowed on " + property.name() + ": only child lists take new"
                    + " items at their property URL", List.of("GET"));
        }
        return new ChildResource(services, ds, urls, owner, key, property, null).add(body, uri);
    }

    @GET
    public Response feed(@Context UriInfo uri, @HeaderParam("If-None-Match") String ifNoneMatch,
                         @QueryParam("where") String where, @QueryParam("orderBy") String orderBy) {
        FeedQuery q = services.queries().related(ds, owner, key, property, where, orderBy);
        ResourceKind target = property.target().resourceKind();
        FeedPaging paging = FeedPaging.of(uri.getQueryParameters(), services.config());
        List<Link> links = new ArrayList<>();
        links.add(new Link(Link.REL_SCHEMA, "application/xml", "Schema", urls.kindSchema(target)));
        PayloadShape shape = Representations.shape(uri, property.target());
        var resolver = services.resolver(ds);
        Representations r = services.representations();
        String id = urls.resource(owner, key) + "/" + property.name();
        return FeedResponses.write(services, uri, ifNoneMatch, q, paging, new FeedResponses.FeedHead(id,
                Representations.title(owner) + " " + key + " | " + property.name(), links, target,
                s -> r.entry(urls, target, s, shape, false, resolver)));
    }
}
