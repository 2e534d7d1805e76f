package io.sdataserver.http;

import io.sdataserver.contract.ResourceKind;
import io.sdataserver.payload.PayloadShape;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import io.sdataserver.payload.ResourceState;
import io.sdataserver.service.Dataset;
import io.sdataserver.service.EtagRule;
import io.sdataserver.service.MethodNotAllowedException;
import io.sdataserver.service.ResourceService;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/** A single resource URL {@code kind('key')}: read (§7), update (§9), delete (§10). */
public final class SingleResource {
    private final Services services;
    private final Dataset ds;
    private final Urls urls;
    private final ResourceKind kind;
    private final String key;

    SingleResource(Services services, Dataset ds, Urls urls, ResourceKind kind, String key) {
        this.services = services;
        this.ds = ds;
        this.urls = urls;
        this.kind = kind;
        this.key = key;
    }

    @GET
    public Response read(@Context UriInfo uri, @HeaderParam("If-None-Match") String ifNoneMatch) {
        PayloadShape shape = Representations.shape(uri, kind.type());
        ResourceState s = services.resources().read(ds, kind, key);
        if (kind.supportsETag() && EtagRule.parse(ifNoneMatch).matches(s.etag())) {
            return Response.notModified().header("ETag", EtagRule.header(s.etag())).build(); // the client's copy is current
        }
        Representations r = services.representations();
        return r.entryResponse(Response.ok(), r.entry(urls, kind, s, shape, true, services.resolver(ds))).build();
    }

    @PUT
    public Response update(InputStream body, @HeaderParam("If-Match") String ifMatch, @Context UriInfo uri) {
        ResourceService.Written w = services.resources().update(ds, kind, key,
                () -> services.atomReader().readEntry(body).resource(), ifMatch);
        PayloadShape shape = Representations.writeShape(uri, kind.type(), w, false, PayloadShape.DEFAULT);
        Representations r = services.representations();
        return r.entryResponse(Response.ok(), r.entry(urls, kind, w.state(), shape, true, services.resolver(ds))).build();
    }

    /** POST on a single resource (without a method override) creates nothing: 405 with what this URL does answer. */
    @POST
    public Response post() {
        throw new MethodNotAllowedException("POST is not allowed on a single resource; POST to " + kind.pluralName()
                + " creates one", ResourceService.allowedOnResource(kind));
    }

    /** 200 with an empty body: Sage's .NET client reports 204 as a failure (§10.1 says 200). */
    @DELETE
    public Response delete(@HeaderParam("If-Match") String ifMatch) {
        services.resources().delete(ds, kind, key, ifMatch);
        return Response.ok().build();
    }
}
