package io.sdataserver.http;

import io.sdataserver.atom.AtomEntry;
import io.sdataserver.atom.AtomFeed;
import io.sdataserver.atom.AtomWriter;
import io.sdataserver.atom.Link;
import io.sdataserver.contract.Property;
import io.sdataserver.contract.ResourceKind;
import io.sdataserver.diagnosis.DiagnosesXml;
import io.sdataserver.payload.PayloadWriter;
import io.sdataserver.payload.ResourceState;
import io.sdataserver.pipeline.Dispatcher;
import io.sdataserver.pipeline.Outcome;
import io.sdataserver.pipeline.Urls;
import io.sdataserver.tracking.Tracking;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Outcomes as Atom (§3): resources as entries with their links, category and ETag, feeds with OpenSearch and
 * paging, and the XML documents (diagnoses, tracking, schemas). The Atom adapter of the pipeline's neutral bodies.
 */
public final class AtomRepresentation implements io.sdataserver.pipeline.Representation {
    public static final String ENTRY = Link.ENTRY_TYPE;
    public static final String FEED = Link.FEED_TYPE;
    private static final JAXBContext TRACKING = tracking();

    private final String application;

    public AtomRepresentation(String application) {
        this.application = application;
    }

    @Override
    public String name() { return "atom"; }

    /** The media type of a body. */
    @Override
    public String mediaType(Outcome.Body body) {
        if (body instanceof Outcome.Entry || body instanceof Outcome.Template) return ENTRY;
        if (body instanceof Outcome.Feed || body instanceof Outcome.BatchFeed || body instanceof Outcome.Catalog) return FEED;
        if (body instanceof Outcome.Bytes b) return b.mediaType();
        if (body instanceof Outcome.Schema) return "application/xml";
        return "application/xml";
    }

    /** Writes a body as it is read: a feed's entries go out one by one, never held all at once. */
    @Override
    public void write(Outcome.Body body, OutputStream out) throws IOException {
        if (body instanceof Outcome.Entry e) {
            try (AtomWriter w = new AtomWriter(out)) {
                w.entryDocument(entry(e), application);
            }
        } else if (body instanceof Outcome.Template t) {
            try (AtomWriter w = new AtomWriter(out)) {
                w.entryDocument(template(t), application);
            }
        } else if (body instanceof Outcome.Feed f) {
            AtomFeed feed = new AtomFeed(f.id(), application + " | " + f.title(), Instant.now(), application, f.links(),
                    "collection", "Resource Collection", f.total(), f.startIndex(), f.count(), listSorts(f.entryKind()), f.warnings());
            try (AtomWriter w = new AtomWriter(out)) {
                w.startFeed(feed);
                f.entries().accept(e -> w.feedEntry(entry(e)));
                w.endFeed();
            }
        } else if (body instanceof Outcome.BatchFeed b) {
            AtomFeed feed = new AtomFeed(b.id(), application + " | " + b.title(), Instant.now(), application, b.links(),
                    "collection", "Resource Collection", null, null, null);
            try (AtomWriter w = new AtomWriter(out)) {
                w.startFeed(feed);
                b.items().accept(item -> batchEntry(w, item));
                w.endFeed();
            }
        } else if (body instanceof Outcome.Catalog c) {
            AtomFeed feed = new AtomFeed(c.id(), c.title(), Instant.now(), application,
                    List.of(new Link("self", Link.FEED_TYPE, "Refresh", c.id())), c.term(), c.label(), null, null, null);
            try (AtomWriter w = new AtomWriter(out)) {
                w.startFeed(feed);
                for (Outcome.CatalogItem it : c.items()) {
                    w.feedEntry(new AtomEntry(it.url(), it.title(), Instant.now(),
                            List.of(new Link("self", Link.FEED_TYPE, it.title(), it.url())), it.term(), it.label(), it.title(), null, null));
                }
                w.endFeed();
            }
        } else if (body instanceof Outcome.Bytes b) {
            out.write(b.bytes());
        } else if (body instanceof Outcome.Schema s) {
            out.write(s.xsd());
        } else if (body instanceof Outcome.Diagnoses d) {
            out.write(DiagnosesXml.bytes(d.diagnoses()));
        } else if (body instanceof Outcome.TrackingDocument t) {
            try {
                TRACKING.createMarshaller().marshal(t.tracking(), out);
            } catch (JAXBException e) {
                throw new IOException(e);
            }
        }
    }

    /** One operation's answer inside a batch feed: the entry its single call returns, with the http: elements (§13.4). */
    private void batchEntry(AtomWriter w, Outcome.BatchItem item) {
        Outcome o = item.outcome();
        Outcome.Body body = o.body();
        AtomEntry entry = body instanceof Outcome.Entry e ? entry(e) : null;
        List<io.sdataserver.diagnosis.Diagnosis> diagnoses = body instanceof Outcome.Diagnoses d ? d.diagnoses() : List.of();
        String location = o.header("Location");
        w.batchEntry(entry, item.id() != null ? item.id() : location, "Batch entry " + item.method(),
                new AtomWriter.HttpOutcome(o.status(), Outcome.reasonPhrase(o.status()), item.method(), location,
                        o.etag()),
                diagnoses);
    }

    /** An entry for a resource; standalone entries also carry the schema, template and post links (ENT-6, ENT-7). */
    AtomEntry entry(Outcome.Entry e) {
        ResourceKind kind = e.kind();
        ResourceState s = e.state();
        Urls urls = e.urls();
        String self = e.self();
        List<Link> links = new ArrayList<>();
        links.add(new Link("self", Link.ENTRY_TYPE, "Refresh", self));
        if (kind.canPut()) links.add(new Link("edit", Link.ENTRY_TYPE, "Edit", self));
        if (e.standalone()) links.addAll(urls.kindLinks(kind));
        String title = e.title();
        PayloadWriter writer = new PayloadWriter(urls, e.resolver());
        return new AtomEntry(self, title, s.updated(), links, "resource", "Resource", title,
                e.shape().hasPayload() ? sink -> writer.write(sink, kind, s, e.shape()) : null, e.etag(),
                s.published(), s.updatedBy());
    }

    /** The $template entry (§8.2): no key, only properties with defaults (none in our contracts), child templates on request. */
    private static AtomEntry template(Outcome.Template t) {
        ResourceKind kind = t.kind();
        Urls urls = t.urls();
        List<Link> links = new ArrayList<>();
        links.add(new Link("self", Link.ENTRY_TYPE, "Template", urls.template(kind)));
        links.addAll(urls.kindLinks(kind));
        String title = Dispatcher.title(kind);
        return new AtomEntry(urls.template(kind), title + " template", Instant.now(), links, "resource", "Resource",
                "Template for a new " + title, sink -> PayloadWriter.template(sink, kind, t.shape()), null);
    }

    /** The sorts a feed reader may offer (§3.6): the properties the contract marks sortable or filterable. */
    private static List<AtomFeed.ListSort> listSorts(ResourceKind kind) {
        List<AtomFeed.ListSort> sorts = new ArrayList<>();
        for (Property p : kind.type().properties()) {
            if (!p.isSimple() || !p.isIndexed()) continue;
            String type;
            switch (p.valueType()) {
                case INT: case LONG: case INTEGER: case DECIMAL: case DOUBLE: type = "number"; break;
                case DATE: case DATETIME: type = "date"; break;
                default: type = "text";
            }
            sorts.add(new AtomFeed.ListSort(kind.namespace(), kind.elementName() + "/" + p.name(), p.label(), type));
        }
        return sorts;
    }

    private static JAXBContext tracking() {
        try {
            return JAXBContext.newInstance(Tracking.class);
        } catch (JAXBException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
