package io.sdataserver.http;

import io.sdataserver.atom.AtomEntry;
import io.sdataserver.atom.AtomWriter;
import io.sdataserver.atom.Link;
import io.sdataserver.contract.Property;
import io.sdataserver.contract.ResourceKind;
import io.sdataserver.contract.EntityType;
import io.sdataserver.payload.PayloadShape;
import io.sdataserver.payload.ReturnDelta;
import io.sdataserver.service.ResourceService;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import io.sdataserver.payload.PayloadWriter;
import io.sdataserver.payload.ResourceState;
import io.sdataserver.service.EtagRule;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.abdera.Abdera;

/** Resources as Atom entries (§3.7): the links, category and ETag an entry carries, built in one place. */
public final class Representations {
    public static final String ENTRY = "application/atom+xml; type=entry";
    public static final String FEED = "application/atom+xml; type=feed";

    private final Abdera abdera;
    private final String application;

    public Representations(Abdera abdera, String application) {
        this.abdera = abdera;
        this.application = application;
    }

    public Abdera abdera() { return abdera; }

    /** An entry for a resource; standalone entries also carry the schema, template and post links (ENT-6, ENT-7). */
    public AtomEntry entry(Urls urls, ResourceKind kind, ResourceState s, PayloadShape shape, boolean standalone) {
        return entry(urls, kind, s, shape, standalone, null);
    }

    /** The payload control of a request (§6.5): select, include and precedence, read against the resource's type. */
    public static PayloadShape shape(UriInfo uri, EntityType type) {
        MultivaluedMap<String, String> q = uri.getQueryParameters();
        return PayloadShape.of(type, q.getFirst("select"), q.getFirst("include"), q.getFirst("precedence"));
    }

    /**
     * The payload of a write's answer: with returnDelta=true only what the server decided beyond the request
     * (§9.2); with select, include or precedence what they ask; otherwise {@code otherwise}.
     */
    public static PayloadShape writeShape(UriInfo uri, EntityType type, ResourceService.Written w, boolean created,
                                          PayloadShape otherwise) {
        MultivaluedMap<String, String> q = uri.getQueryParameters();
        if ("true".equalsIgnoreCase(q.getFirst("returnDelta"))) return ReturnDelta.of(w.request(), w.state(), created);
        if (q.containsKey("select") || q.containsKey("include") || q.containsKey("precedence")) return shape(uri, type);
        return otherwise;
    }

    /** An entry whose payload may embed referenced resources, read through the resolver. */
    public AtomEntry entry(Urls urls, ResourceKind kind, ResourceState s, PayloadShape shape, boolean standalone,
                           PayloadWriter.Resolver resolver) {
        String self = urls.resource(kind, s.key());
        List<Link> links = new ArrayList<>();
        links.add(new Link("self", Link.ENTRY_TYPE, "Refresh", self));
        if (kind.canPut()) links.add(new Link("edit", Link.ENTRY_TYPE, "Edit", self));
        if (standalone) kindLinks(urls, kind, links);
        String title = title(kind) + " " + s.key();
        PayloadWriter writer = new PayloadWriter(urls, resolver);
        return new AtomEntry(self, title, s.updated(), links, "resource", "Resource", title,
                shape.hasPayload() ? sink -> writer.write(sink, kind, s, shape) : null, kind.supportsETag() ? s.etag() : null,
                s.published());
    }

    /** The $template entry (§8.2): no key, only properties with defaults (none in our contracts), child templates on request. */
    public AtomEntry template(Urls urls, ResourceKind kind, PayloadShape shape) {
        List<Link> links = new ArrayList<>();
        links.add(new Link("self", Link.ENTRY_TYPE, "Template", urls.template(kind)));
        kindLinks(urls, kind, links);
        return new AtomEntry(urls.template(kind), title(kind) + " template", Instant.now(), links, "resource", "Resource",
                "Template for a new " + title(kind), sink -> {
                    sink.start(kind.namespace(), kind.elementName(), true);
                    for (Property p : kind.type().properties()) {
                        if (p.isChild() && p.isCollection() && shape.embeds(p)) {
                            sink.start(kind.namespace(), p.name(), false);
                            sink.start(kind.namespace(), p.itemElementName(), false);
                            sink.end();
                            sink.end();
                        }
                    }
                    sink.end();
                }, null);
    }

    static void kindLinks(Urls urls, ResourceKind kind, List<Link> links) {
        links.add(new Link(Link.REL_SCHEMA, "application/xml", "Schema", urls.kindSchema(kind)));
        if (kind.canPost()) {
            links.add(new Link(Link.REL_TEMPLATE, Link.ENTRY_TYPE, "Template", urls.template(kind)));
            links.add(new Link(Link.REL_POST, Link.ENTRY_TYPE, "Post", urls.collection(kind)));
        }
    }

    public static String title(ResourceKind kind) {
        return kind.label() != null && !kind.label().isBlank() ? kind.label() : kind.elementName();
    }

    /** A single-entry response: Content-Type entry, and the ETag header identical to http:etag (CONC-2). */
    public Response.ResponseBuilder entryResponse(Response.ResponseBuilder rb, AtomEntry entry) {
        StreamingOutput body = out -> {
            try (AtomWriter w = new AtomWriter(abdera, out)) {
                w.entryDocument(entry, application);
            }
        };
        rb.entity(body).type(ENTRY);
        if (entry.etag() != null) rb.header("ETag", EtagRule.header(entry.etag()));
        return rb;
    }

}
