package io.sdataserver.pipeline;

import io.sdataserver.ServerConfig;
import io.sdataserver.atom.Link;
import io.sdataserver.batch.AsyncBatches;
import io.sdataserver.batch.BatchRunner;
import io.sdataserver.store.BatchJobs;
import io.sdataserver.contract.EntityType;
import io.sdataserver.contract.Property;
import io.sdataserver.contract.ResourceKind;
import io.sdataserver.contract.SchemaDocuments;
import io.sdataserver.diagnosis.SDataException;
import io.sdataserver.payload.LinkTarget;
import io.sdataserver.payload.PayloadShape;
import io.sdataserver.payload.PayloadWriter;
import io.sdataserver.payload.ResourceState;
import io.sdataserver.payload.ReturnDelta;
import io.sdataserver.service.ChildService;
import io.sdataserver.service.Dataset;
import io.sdataserver.service.EtagPolicy;
import io.sdataserver.service.FeedQuery;
import io.sdataserver.service.MethodNotAllowedException;
import io.sdataserver.service.QueryService;
import io.sdataserver.service.ResourceService;
import io.sdataserver.store.TrackedPost;
import io.sdataserver.store.UnitOfWork;
import io.sdataserver.store.UnitsOfWork;
import io.sdataserver.tracking.Tracking;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs one SData operation: (target, method, body, conditions) in a unit of work, to an {@link Outcome}. The same
 * line for every caller: a JAX-RS resource today, a batch entry or an asynchronous job later. Writes commit before
 * the outcome is returned; reads keep their snapshot open until the outcome's body has been written.
 */
public final class Dispatcher {
    private final ResourceService resources;
    private final ChildService children;
    private final QueryService queries;
    private final UnitsOfWork units;
    private final ServerConfig config;
    private final Outcomes outcomes;
    private final BatchRunner batches;
    private final AsyncBatches jobs;

    public Dispatcher(ResourceService resources, ChildService children, QueryService queries, UnitsOfWork units,
                      ServerConfig config, Outcomes outcomes, BatchJobs batchJobs) {
        this.resources = resources;
        this.children = children;
        this.queries = queries;
        this.units = units;
        this.config = config;
        this.outcomes = outcomes;
        this.batches = new BatchRunner(this, units, outcomes, config.batchWaves()); // batch entries re-enter this dispatcher
        this.jobs = new AsyncBatches(batches, batchJobs);
    }

    public Outcomes outcomes() { return outcomes; }

    /** Stops the background batch jobs of this process (their progress so far stays recorded). */
    public void close() { jobs.close(); }

    /** Runs the request in a unit of work of its own. */
    public Outcome dispatch(SDataRequest r) {
        UnitOfWork uow = r.isRead() ? units.beginRead() : units.begin();
        try {
            Outcome o = dispatch(r, uow);
            if (!uow.readOnly()) uow.commit();
            return o.reading(uow);
        } catch (Throwable t) {
            uow.close();
            return outcomes.fault(t, r.method(), r.urls());
        }
    }

    /**
     * Runs the request in a unit of work the caller owns (and commits or rolls back): several operations can share
     * one. A fault is thrown, not answered, so that the caller decides what it means for the others.
     */
    public Outcome dispatch(SDataRequest r, UnitOfWork uow) {
        Access.check(r); // on the target, before anything is read
        if (!r.isRead()) uow.actor(r.caller().name());
        Outcome o = route(r, uow);
        // the client's copy is current (§6.6): one rule for every representation that has an ETag
        if (r.isRead() && o.status() / 100 == 2 && EtagPolicy.notModified(r.ifNoneMatch(), o.etag())) {
            return Outcome.empty(304).etag(o.etag());
        }
        return o;
    }

    private Outcome route(SDataRequest r, UnitOfWork uow) {
        Target t = r.target();
        if (t instanceof Target.Collection c) return collection(r, uow, c);
        if (t instanceof Target.Resource res) return resource(r, uow, res);
        if (t instanceof Target.Child c) return child(r, uow, c);
        if (t instanceof Target.Related rel) return related(r, uow, rel);
        if (t instanceof Target.Reference ref) return reference(r, uow, ref);
        if (t instanceof Target.Template tp) return template(r, uow, tp);
        if (t instanceof Target.Schema s) return schema(r, s);
        if (t instanceof Target.KindSchema ks) return kindSchema(r, ks);
        if (t instanceof Target.TrackedPost tp) return trackedPost(r, uow, tp);
        if (t instanceof Target.Batch b) return batch(r, b);
        throw new IllegalStateException("no route for " + t);
    }

    // ------------------------------------------------------------------ targets

    private Outcome collection(SDataRequest r, UnitOfWork uow, Target.Collection c) {
        Dataset ds = c.dataset();
        ResourceKind kind = c.kind();
        switch (r.method()) {
            case "GET": {
                FeedQuery q = queries.collection(ds, kind, r.query().first("where"), r.query().first("orderBy"));
                List<Link> links = new ArrayList<>();
                links.addAll(r.urls().kindLinks(kind));
                return feed(r, uow, q, r.urls().collection(kind), title(kind), links, kind, kind.type());
            }
            case "POST": {
                String trackingId = r.query().first("trackingID");
                if (trackingId == null) trackingId = r.query().first("trackingId"); // both spellings occur (§12.3)
                if (trackingId != null) return accepted(r.urls(), kind, resources.postTracked(uow, ds, kind, trackingId, r.body()));
                ResourceService.Written w = resources.create(uow, ds, kind, r.body());
                return entry(201, r, uow, kind, w.state(), writeShape(r, kind.type(), w, true, PayloadShape.CHILDREN))
                        .header("Location", r.urls().resource(kind, w.state().key()));
            }
            default:
                throw new MethodNotAllowedException(r.method() + " is not allowed on a collection; use " + kind.pluralName() + "('key')",
                        ResourceService.allowedOnCollection(kind));
        }
    }

    private Outcome resource(SDataRequest r, UnitOfWork uow, Target.Resource t) {
        Dataset ds = t.dataset();
        if (r.method().equals("POST")) {
            ResourceKind kind = t.path().kind();
            throw new MethodNotAllowedException("POST is not allowed on a single resource; POST to " + kind.pluralName()
                    + " creates one", ResourceService.allowedOnResource(kind));
        }
        Resolved at = resolve(uow, ds, t.path());
        switch (r.method()) {
            case "GET":
                return entry(200, r, uow, at.kind(), resources.read(uow, ds, at.kind(), at.key()), shape(r, at.kind().type()));
            case "PUT": {
                ResourceService.Written w = resources.update(uow, ds, at.kind(), at.key(), r.body(), r.ifMatch());
                return entry(200, r, uow, at.kind(), w.state(), writeShape(r, at.kind().type(), w, false, PayloadShape.DEFAULT));
            }
            case "DELETE":
                // 200 with an empty body: Sage's .NET client reports 204 as a failure (§10.1 says 200)
                resources.delete(uow, ds, at.kind(), at.key(), r.ifMatch());
                return Outcome.empty(200);
            default:
                throw new MethodNotAllowedException(r.method() + " is not allowed here", ResourceService.allowedOnResource(at.kind()));
        }
    }

    private Outcome child(SDataRequest r, UnitOfWork uow, Target.Child t) {
        Dataset ds = t.dataset();
        Property p = t.property();
        ResourceKind kind = ChildService.childKind(p);
        if (r.method().equals("POST") && p.isCollection()) {
            throw new MethodNotAllowedException("POST goes to the list " + p.name() + ", not to one of its items",
                    ChildService.allowedOnChild(p));
        }
        Resolved owner = resolve(uow, ds, t.owner());
        switch (r.method()) {
            case "GET":
                return entry(200, r, uow, kind, children.read(uow, ds, owner.kind(), owner.key(), p, t.childKey()), shape(r, kind.type()));
            case "POST":
                return added(r, uow, owner, p);
            case "PUT": {
                ResourceService.Written w = children.update(uow, ds, owner.kind(), owner.key(), p, t.childKey(), r.body(), r.ifMatch());
                return entry(200, r, uow, kind, w.state(), writeShape(r, kind.type(), w, false, PayloadShape.DEFAULT));
            }
            case "DELETE":
                children.delete(uow, ds, owner.kind(), owner.key(), p, t.childKey(), r.ifMatch());
                return Outcome.empty(200);
            default:
                throw new MethodNotAllowedException(r.method() + " is not allowed here", ChildService.allowedOnChild(p));
        }
    }

    /** Adds the child the body holds (to the list, or as the single child): 201 with its own URL (CRE-10, CRE-11). */
    private Outcome added(SDataRequest r, UnitOfWork uow, Resolved owner, Property p) {
        ResourceKind kind = ChildService.childKind(p);
        ResourceState s = children.add(uow, owner.dataset(), owner.kind(), owner.key(), p, r.body());
        return entry(201, r, uow, kind, s, shape(r, kind.type())).header("Location", r.urls().resource(kind, s.key()));
    }

    private Outcome related(SDataRequest r, UnitOfWork uow, Target.Related t) {
        Property p = t.property();
        List<String> allowed = p.isChild() ? ChildService.allowedOnList(p) : List.of("GET");
        if (r.method().equals("POST") && !p.isChild()) {
            throw new MethodNotAllowedException("POST is not allowed on " + p.name() + ": only child lists take new items at"
                    + " their property URL", allowed);
        }
        if (!r.method().equals("GET") && !r.method().equals("POST")) {
            throw new MethodNotAllowedException(r.method() + " is not allowed on the list " + p.name(), allowed);
        }
        Resolved owner = resolve(uow, t.dataset(), t.owner());
        if (r.method().equals("POST")) return added(r, uow, owner, p);
        FeedQuery q = queries.related(uow, t.dataset(), owner.kind(), owner.key(), p, r.query().first("where"), r.query().first("orderBy"));
        ResourceKind target = p.target().resourceKind();
        List<Link> links = new ArrayList<>();
        links.add(new Link(Link.REL_SCHEMA, "application/xml", "Schema", r.urls().kindSchema(target)));
        String id = r.urls().property(r.urls().resource(owner.kind(), owner.key()), p);
        return feed(r, uow, q, id, title(owner.kind()) + " " + owner.key() + " | " + p.name(), links, target, p.target());
    }

    private Outcome reference(SDataRequest r, UnitOfWork uow, Target.Reference t) {
        Property p = t.property();
        ResourceKind kind = p.target().resourceKind();
        if (!r.method().equals("GET")) {
            throw new MethodNotAllowedException(r.method() + " is not allowed on the reference " + p.name() + ": change it in a PUT"
                    + " of " + t.owner().kind().pluralName() + "(...), or write the " + kind.elementName() + " at its own URL",
                    List.of("GET"));
        }
        Resolved owner = resolve(uow, t.dataset(), t.owner());
        Resolved referenced = follow(uow, owner, p);
        return entry(200, r, uow, kind, resources.read(uow, t.dataset(), kind, referenced.key()), shape(r, kind.type()));
    }

    private Outcome template(SDataRequest r, UnitOfWork uow, Target.Template t) {
        requireGet(r, List.of("GET"));
        if (t.owner() != null) resolve(uow, t.dataset(), t.owner()); // 404 for a missing owner first
        // a template exists only where creates are allowed (§2.6): elsewhere there is nothing at this URL
        if (!t.creatable()) {
            throw SDataException.resourceNotFound("no $template here: the contract does not allow creating " + t.kind().pluralName()
                    + " at this URL");
        }
        return Outcome.of(200, new Outcome.Template(r.urls(), t.kind(),
                PayloadShape.of(t.kind().type(), null, r.query().first("include"), null)));
    }

    private Outcome schema(SDataRequest r, Target.Schema t) {
        requireGet(r, List.of("GET"));
        SchemaDocuments docs = t.dataset().contract().schemaDocuments();
        byte[] body = t.part() == null ? docs.main() : docs.part(t.part());
        if (body == null) {
            throw SDataException.resourceNotFound("no schema part '" + t.part() + "' in contract " + t.dataset().contract().name());
        }
        // the XSD and its JSON rendering are two representations, each with its own ETag
        String etag = r.answer().name().equals("atom") ? docs.etag() : docs.etag() + "-" + r.answer().name();
        return Outcome.of(200, new Outcome.Schema(t.dataset().contract(), r.url().text(), body)).etag(etag);
    }

    /** {@code {kind}/$schema} redirects to the contract schema with the element as fragment (URL-20). */
    private static Outcome kindSchema(SDataRequest r, Target.KindSchema t) {
        requireGet(r, List.of("GET"));
        String version = r.query().first("version");
        return Outcome.empty(302).header("Location", r.urls().schema() + (version == null ? "" : "?version=" + Urls.segment(version))
                + "#" + t.kind().elementName());
    }

    /**
     * {@code {kinds}/$post('{trackingID}')}: the create ran inside the POST, so the tracking URL answers with its
     * result (201, Location, the entry) as often as asked, until the consumer DELETEs it (the resource stays).
     */
    private Outcome trackedPost(SDataRequest r, UnitOfWork uow, Target.TrackedPost t) {
        ResourceKind kind = t.kind();
        switch (r.method()) {
            case "GET": {
                TrackedPost post = resources.trackedPost(uow, t.dataset(), kind, t.trackingId());
                ResourceState s = resources.read(uow, t.dataset(), kind, post.key());
                return entry(201, r, uow, kind, s, PayloadShape.CHILDREN).header("Location", r.urls().resource(kind, s.key()));
            }
            case "DELETE":
                resources.discardTrackedPost(uow, t.dataset(), kind, t.trackingId());
                return Outcome.empty(200);
            default:
                throw new MethodNotAllowedException(r.method() + " is not allowed on a tracking URL", List.of("GET", "DELETE"));
        }
    }

    /**
     * {@code $batch} (§13): POST a feed of operations; each runs through this dispatcher like a single request. With
     * a trackingID the batch runs in the background and the same URL tracks it (GET) and forgets it (DELETE).
     */
    private Outcome batch(SDataRequest r, Target.Batch t) {
        String trackingId = AsyncBatches.trackingId(r);
        if (trackingId != null && r.method().equals("GET")) return jobs.poll(r, t, trackingId);
        if (trackingId != null && r.method().equals("DELETE")) return jobs.discard(t, trackingId);
        if (!r.method().equals("POST")) {
            throw new MethodNotAllowedException(r.method() + " is not allowed on $batch: POST a feed of operations (GET and"
                    + " DELETE go to a tracking URL, $batch?trackingID=...)", trackingId == null ? List.of("POST") : List.of("GET", "POST", "DELETE"));
        }
        List<Link> links = new ArrayList<>();
        String title;
        if (t.kind() != null) {
            links.addAll(r.urls().kindLinks(t.kind()));
            title = title(t.kind()) + " Batch";
        } else {
            title = t.dataset().contract().name() + " Batch";
        }
        return trackingId != null ? jobs.submit(r, t, trackingId, title, links) : batches.run(r, t, title, links);
    }

    /** The answer to a reliable POST: 202 with the tracking URL and an sdata:tracking body (TRK-1, TRK-2). */
    private static Outcome accepted(Urls urls, ResourceKind kind, TrackedPost post) {
        long elapsed = Math.max(0, Duration.between(post.created(), Instant.now()).getSeconds());
        Tracking tracking = new Tracking("Completed", kind.elementName() + " " + post.key() + " created", new BigDecimal("100.0"),
                elapsed, 0, 0);
        return Outcome.of(202, new Outcome.TrackingDocument(tracking)).header("Location", urls.trackedPost(kind, post.trackingId()));
    }

    // ------------------------------------------------------------------ resolving chains

    /** A resource found: its dataset, kind and key. */
    private record Resolved(Dataset dataset, ResourceKind kind, String key) { }

    /** The resource a path ends at: the selector's single match, then each child or reference in turn (§2.2, §2.3). */
    private Resolved resolve(UnitOfWork uow, Dataset ds, Target.ResourcePath path) {
        String key = path.key() != null ? path.key() : queries.selectOne(uow, ds, path.kind(), path.clause()).key();
        Resolved at = new Resolved(ds, path.kind(), key);
        for (Target.Hop hop : path.hops()) {
            Property p = hop.property();
            if (p.isChild()) {
                ResourceState child = children.read(uow, ds, at.kind(), at.key(), p, hop.childKey());
                at = new Resolved(ds, p.target().resourceKind(), child.key());
            } else {
                at = follow(uow, at, p);
            }
        }
        return at;
    }

    /** The resource a single reference of {@code owner} points at; 404 when it points nowhere. */
    private Resolved follow(UnitOfWork uow, Resolved owner, Property p) {
        LinkTarget target = resources.read(uow, owner.dataset(), owner.kind(), owner.key()).links().get(p.name());
        if (target == null) {
            throw SDataException.resourceNotFound(owner.kind().elementName() + " '" + owner.key() + "' has no " + p.name());
        }
        return new Resolved(owner.dataset(), p.target().resourceKind(), target.key());
    }

    // ------------------------------------------------------------------ answers

    /** An entry answer with the kind's ETag (header and http:etag are one value, CONC-2). */
    private Outcome entry(int status, SDataRequest r, UnitOfWork uow, ResourceKind kind, ResourceState s, PayloadShape shape) {
        return Outcome.of(status, new Outcome.Entry(r.urls(), kind, s, shape, true, resolver(uow, r.target().dataset())))
                .etag(EtagPolicy.of(kind).emitted(s));
    }

    /** Reads the resources a payload embeds by reference, in the same unit of work (no second connection). */
    private PayloadWriter.Resolver resolver(UnitOfWork uow, Dataset ds) {
        return (type, key) -> resources.find(uow, ds, type, key);
    }

    /**
     * A feed answer (§3, §6): its ETag (and so 304), OpenSearch figures and paging links from one snapshot, and the
     * page itself read as it is written.
     */
    private Outcome feed(SDataRequest r, UnitOfWork uow, FeedQuery q, String id, String title, List<Link> extraLinks,
                         ResourceKind entryKind, EntityType entryType) {
        FeedPaging paging = FeedPaging.of(r.query(), config);
        q.checkCursor(paging.cursor());
        String etag = q.etag(uow, r.url().text() + " as " + r.answer().name()); // Atom and JSON are two representations
        if (EtagPolicy.notModified(r.ifNoneMatch(), etag)) return Outcome.empty(304).etag(etag);
        PayloadShape shape = shape(r, entryType);
        long start = paging.startIndex();
        int count = paging.count();
        long total = q.total(uow);
        List<Link> links = new ArrayList<>();
        links.add(new Link("self", Link.FEED_TYPE, "Refresh", r.url().text()));
        links.add(new Link("first", Link.FEED_TYPE, "First Page", page(r, 1, count, null)));
        long lastStart = count == 0 || total == 0 ? 1 : ((total - 1) / count) * count + 1;
        links.add(new Link("last", Link.FEED_TYPE, "Last Page", page(r, lastStart, count, null)));
        if (count > 0 && start + count <= total) {
            // the next page starts after this page's last row (keyset): no counting past earlier rows (QRY-10)
            String cursor = q.cursorAfter(uow, start, paging.cursor(), count);
            links.add(new Link("next", Link.FEED_TYPE, "Next Page", page(r, start + count, count, cursor)));
        }
        if (count > 0 && start > 1) {
            links.add(new Link("previous", Link.FEED_TYPE, "Previous Page", page(r, Math.max(1, start - count), count, null)));
        }
        links.addAll(extraLinks);
        PayloadWriter.Resolver resolver = resolver(uow, r.target().dataset());
        Urls urls = r.urls();
        return Outcome.of(200, new Outcome.Feed(id, title, links, entryKind, total, start, count, q.warnings(),
                sink -> q.page(uow, start, paging.cursor(), count,
                        s -> sink.accept(new Outcome.Entry(urls, entryKind, s, shape, false, resolver)))))
                .etag(etag);
    }

    private static final Set<String> PAGING = Set.of("startIndex", "count", FeedPaging.CURSOR);

    private static String page(SDataRequest r, long startIndex, int count, String cursor) {
        return cursor == null ? r.url().replacing(PAGING, "startIndex", Long.toString(startIndex), "count", Integer.toString(count))
                : r.url().replacing(PAGING, "startIndex", Long.toString(startIndex), "count", Integer.toString(count),
                        FeedPaging.CURSOR, cursor);
    }

    /** The payload control of a request (§6.5): select, include and precedence, read against the resource's type. */
    private static PayloadShape shape(SDataRequest r, EntityType type) {
        Query q = r.query();
        return PayloadShape.of(type, q.first("select"), q.first("include"), q.first("precedence"));
    }

    /**
     * The payload of a write's answer: with returnDelta=true only what the server decided beyond the request
     * (§9.2); with select, include or precedence what they ask; otherwise {@code otherwise}.
     */
    private static PayloadShape writeShape(SDataRequest r, EntityType type, ResourceService.Written w, boolean created,
                                           PayloadShape otherwise) {
        Query q = r.query();
        if ("true".equalsIgnoreCase(q.first("returnDelta"))) return ReturnDelta.of(w.request(), w.state(), created);
        if (q.has("select") || q.has("include") || q.has("precedence")) return shape(r, type);
        return otherwise;
    }

    public static String title(ResourceKind kind) {
        return kind.label() != null && !kind.label().isBlank() ? kind.label() : kind.elementName();
    }

    private static void requireGet(SDataRequest r, List<String> allowed) {
        if (!r.isRead()) throw new MethodNotAllowedException(r.method() + " is not allowed at this URL", allowed);
    }
}
