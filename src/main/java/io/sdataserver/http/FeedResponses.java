package io.sdataserver.http;

import io.sdataserver.atom.AtomEntry;
import io.sdataserver.atom.AtomFeed;
import io.sdataserver.atom.AtomWriter;
import io.sdataserver.atom.Link;
import io.sdataserver.contract.Property;
import io.sdataserver.contract.ResourceKind;
import io.sdataserver.payload.ResourceState;
import io.sdataserver.service.EtagRule;
import io.sdataserver.service.FeedQuery;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Writes a queried feed (§3, §6): the ETag and 304 (§6.6), OpenSearch figures and paging links (§6.4), then the
 * entries as a stream, each written as its row arrives. Used by every URL that answers with a feed of resources.
 */
final class FeedResponses {
    private FeedResponses() { }

    /** What the feed is: its id, title, extra links (schema, template, post), and how a row becomes an entry. */
    record FeedHead(String id, String title, List<Link> links, ResourceKind entryKind, Function<ResourceState, AtomEntry> entries) { }

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

    static Response write(Services services, UriInfo uri, String ifNoneMatch, FeedQuery q, FeedPaging paging, FeedHead head) {
        q.checkCursor(paging.cursor());
        String etag = q.etag(uri.getRequestUri().toASCIIString());
        if (EtagRule.parse(ifNoneMatch).matches(etag)) {
            return Response.notModified().header("ETag", EtagRule.header(etag)).build();
        }
        long start = paging.startIndex();
        int count = paging.count();
        long total = q.total();
        List<Link> links = new ArrayList<>();
        links.add(new Link("self", Link.FEED_TYPE, "Refresh", uri.getRequestUri().toASCIIString()));
        links.add(new Link("first", Link.FEED_TYPE, "First Page", page(uri, 1, count, null)));
        long lastStart = count == 0 || total == 0 ? 1 : ((total - 1) / count) * count + 1;
        links.add(new Link("last", Link.FEED_TYPE, "Last Page", page(uri, lastStart, count, null)));
        if (count > 0 && start + count <= total) {
            // the next page starts after this page's last row (keyset): no counting past earlier rows (QRY-10)
            String cursor = q.cursorAfter(start, paging.cursor(), count);
            links.add(new Link("next", Link.FEED_TYPE, "Next Page", page(uri, start + count, count, cursor)));
        }
        if (count > 0 && start > 1) {
            links.add(new Link("previous", Link.FEED_TYPE, "Previous Page", page(uri, Math.max(1, start - count), count, null)));
        }
        links.addAll(head.links());
        String app = services.config().application();
        AtomFeed feed = new AtomFeed(head.id(), app + " | " + head.title(), Instant.now(), app, links, "collection",
                "Resource Collection", total, start, count, listSorts(head.entryKind()), q.warnings());
        Representations r = services.representations();
        StreamingOutput body = out -> {
            try (AtomWriter w = new AtomWriter(r.abdera(), out)) {
                w.startFeed(feed);
                q.page(start, paging.cursor(), count, s -> w.feedEntry(head.entries().apply(s)));
                w.endFeed();
            }
        };
        return Response.ok(body, Representations.FEED).header("ETag", EtagRule.header(etag)).build();
    }

    private static String page(UriInfo uri, long startIndex, int count, String cursor) {
        UriBuilder b = uri.getRequestUriBuilder().replaceQueryParam("startIndex", startIndex).replaceQueryParam("count", count)
                .replaceQueryParam(FeedPaging.CURSOR);
        if (cursor != null) b.replaceQueryParam(FeedPaging.CURSOR, cursor);
        return b.build().toASCIIString();
    }
}
