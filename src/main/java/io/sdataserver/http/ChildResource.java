package io.sdataserver.http;

import io.sdataserver.contract.Property;
import io.sdataserver.contract.ResourceKind;
import io.sdataserver.payload.ResourceState;
import io.sdataserver.service.ChildService;
import io.sdataserver.service.Dataset;
import io.sdataserver.service.ResourceService;
import io.sdataserver.payload.PayloadShape;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.net.URI;

/**
 * One child at its property URL: {@code salesOrders('1')/orderLines('3')} or {@code salesOrders('1')/billAddress}
 * (§8.3, §9.4, §10.3). Entries carry the child kind's own URL as id (QRY-21).
 */
public final class ChildResource {
    private final Services services;
    private final Dataset ds;
    private final Urls urls;
    private final ResourceKind owner;
    private final String key;
    private final Property property;
    private final String childKey;

    ChildResource(Services services, Dataset ds, Urls urls, ResourceKind owner, String key, Property property, String childKey) {
        this.services = services;
        this.ds = ds;
        this.urls = urls;
        this.owner = owner;
        this.key = key;
        this.property = property;
        this.childKey = childKey;
    }

    @GET
    public Response read(@Context UriInfo uri) {
        ResourceState s = services.children().read(ds, owner, key, property, childKey);
        return entry(Response.ok(), s, uri);
    }

    /** POST on a single child's URL sets it when absent (409 when it exists); a list item's URL takes no POST. */
    @POST
    public Response create(InputStream body, @Context UriInfo uri) {
        if (property.isCollection()) {
            throw new io.sdataserver.service.MethodNotAllowedException("POST goes to the list " + property.name()
                    + ", not to one of its items", ChildService.allowedOnChild(property));
        }
        return add(body, uri);
    }

    /** Adds the child the body holds (to the list, or as the single child): 201 with its own URL (CRE-10, CRE-11). */
    Response add(InputStream body, UriInfo uri) {
        ResourceState s = services.children().add(ds, owner, key, property, () -> services.atomReader().readEntry(body).resource());
        return entry(Response.created(URI.create(urls.resource(ChildService.childKind(property), s.key()))), s, uri);
    }

    @PUT
    public Response update(InputStream body, @HeaderParam("If-Match") String ifMatch, @Context UriInfo uri) {
        ResourceService.Written w = services.children().update(ds, owner, key, property, childKey,
                () -> services.atomReader().readEntry(body).resource(), ifMatch);
        ResourceKind kind = ChildService.childKind(property);
        Representations r = services.representations();
        PayloadShape shape = Representations.writeShape(uri, kind.type(), w, false, PayloadShape.DEFAULT);
        return r.entryResponse(Response.ok(), r.entry(urls, kind, w.state(), shape, true, services.resolver(ds))).build();
    }

    @DELETE
    public Response delete(@HeaderParam("If-Match") String ifMatch) {
        services.children().delete(ds, owner, key, property, childKey, ifMatch);
        return Response.ok().build();
    }

    private Response entry(Response.ResponseBuilder rb, ResourceState s, UriInfo uri) {
        ResourceKind kind = ChildService.childKind(property);
        Representations r = services.representations();
        return r.entryResponse(rb, r.entry(urls, kind, s, Representations.shape(uri, kind.type()), true, services.resolver(ds))).build();
    }
}
