package io.sdataserver.http;

import io.sdataserver.contract.ResourceKind;
import io.sdataserver.payload.PayloadShape;
import io.sdataserver.diagnosis.SDataException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/** {@code {kind}/$template} (§8.2): a virtual entry with the defaults of a new resource; nothing is created. */
public final class TemplateResource {
    private final Services services;
    private final Urls urls;
    private final ResourceKind kind;
    private final boolean creatable;

    TemplateResource(Services services, Urls urls, ResourceKind kind) { this(services, urls, kind, kind.canPost()); }

    /** {@code creatable}: whether this URL's POST creates (a kind's canPost, or a child list's: CRE-12). */
    TemplateResource(Services services, Urls urls, ResourceKind kind, boolean creatable) {
        this.services = services;
        this.urls = urls;
        this.kind = kind;
        this.creatable = creatable;
    }

    @GET
    public Response get(@QueryParam("include") String include) {
        // a template exists only for kinds that accept creates (§2.6): elsewhere there is nothing at this URL
        if (!creatable) {
            throw SDataException.resourceNotFound("no $template here: the contract does not allow creating " + kind.pluralName()
                    + " at this URL");
        }
        Representations r = services.representations();
        return r.entryResponse(Response.ok(), r.template(urls, kind, PayloadShape.of(kind.type(), null, include, null))).build();
    }
}
