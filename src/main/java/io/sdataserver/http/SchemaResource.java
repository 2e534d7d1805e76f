package io.sdataserver.http;

import io.sdataserver.contract.ResourceKind;
import io.sdataserver.contract.SchemaDocuments;
import io.sdataserver.diagnosis.SDataException;
import io.sdataserver.service.Dataset;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** {@code $schema} (§2.7): the contract XSD as served (flags rewritten at start-up), and its imported parts. */
public final class SchemaResource {
    private final Dataset ds;
    private final String part;

    SchemaResource(Dataset ds, Urls urls, String part) {
        this.ds = ds;
        this.part = part;
    }

    @GET
    public Response get() {
        SchemaDocuments docs = ds.contract().schemaDocuments();
        byte[] body = part == null ? docs.main() : docs.part(part);
        if (body == null) throw SDataException.resourceNotFound("no schema part '" + part + "' in contract " + ds.contract().name());
        return Response.ok(body, "application/xml").header("ETag", "\"" + docs.etag() + "\"").build();
    }

    /** {@code {kind}/$schema} redirects to the contract schema with the element as fragment (URL-20). */
    public static final class KindRedirect {
        private final Urls urls;
        private final ResourceKind kind;

        KindRedirect(Urls urls, ResourceKind kind) {
            this.urls = urls;
            this.kind = kind;
        }

        @GET
        public Response get(@QueryParam("version") String version) {
            String target = urls.schema() + (version == null ? "" : "?version=" + Urls.segment(version)) + "#" + kind.elementName();
            return Response.status(302).location(URI.create(target)).build();
        }
    }
}
