package io.sdataserver.http;

import io.sdataserver.contract.Property;
import io.sdataserver.contract.ResourceKind;
import io.sdataserver.diagnosis.SDataException;
import io.sdataserver.payload.LinkTarget;
import io.sdataserver.payload.ResourceState;
import io.sdataserver.service.Dataset;
import io.sdataserver.service.MethodNotAllowedException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/**
 * A single reference at its property URL, {@code salesOrders('1')/contact}: GET reads the referenced resource (its
 * own URL is the entry's id). A reference is changed through its owner's payload, never written here (§8.3, §9.4).
 */
public final class ReferenceResource {
    private final Services services;
    private final Dataset ds;
    private final Urls urls;
    private final ResourceKind owner;
    private final String key;
    private final Property property;

    ReferenceResource(Services services, Dataset ds, Urls urls, ResourceKind owner, String key, Property property) {
        this.services = services;
        this.ds = ds;
        this.urls = urls;
        this.owner = owner;
        this.key = key;
        this.property = property;
    }

    @GET
    public Response read(@Context UriInfo uri) {
        ResourceState s = services.resources().read(ds, owner, key);
        LinkTarget target = s.links().get(property.name());
        ResourceKind kind = property.target().resourceKind();
        if (target == null) {
            throw SDataException.resourceNotFound(owner.elementName() + " '" + key + "' has no " + property.name());
        }
        ResourceState referenced = services.resources().read(ds, kind, target.key());
        Representations r = services.representations();
        return r.entryResponse(Response.ok(), r.entry(urls, kind, referenced, Representations.shape(uri, kind.type()), true,
                services.resolver(ds))).build();
    }

    @POST
    public Response post() { throw readOnly("POST"); }

    @PUT
    public Response put() { throw readOnly("PUT"); }

    @DELETE
    public Response delete() { throw readOnly("DELETE"); }

    private MethodNotAllowedException readOnly(String method) {
        return new MethodNotAllowedException(method + " is not allowed on the reference " + property.name() + ": change it in a PUT"
                + " of " + owner.pluralName() + "('" + key + "'), or write the " + property.target().resourceKind().elementName()
                + " at its own URL", List.of("GET"));
    }
}
