package io.sdataserver.bench;

import static io.sdataserver.bench.PeerEdmProvider.NAV_ORDER_LINES;
import static io.sdataserver.bench.PeerEdmProvider.ORDER_LINES;
import static io.sdataserver.bench.PeerEdmProvider.SALES_ORDERS;

import java.io.InputStream;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.olingo.odata2.api.ODataCallback;
import org.apache.olingo.odata2.api.commons.HttpHeaders;
import org.apache.olingo.odata2.api.edm.EdmEntitySet;
import org.apache.olingo.odata2.api.edm.EdmLiteralKind;
import org.apache.olingo.odata2.api.edm.EdmProperty;
import org.apache.olingo.odata2.api.edm.EdmSimpleType;
import org.apache.olingo.odata2.api.ep.EntityProvider;
import org.apache.olingo.odata2.api.ep.EntityProviderReadProperties;
import org.apache.olingo.odata2.api.ep.EntityProviderWriteProperties;
import org.apache.olingo.odata2.api.ep.callback.OnWriteFeedContent;
import org.apache.olingo.odata2.api.ep.callback.WriteFeedCallbackContext;
import org.apache.olingo.odata2.api.ep.callback.WriteFeedCallbackResult;
import org.apache.olingo.odata2.api.ep.entry.ODataEntry;
import org.apache.olingo.odata2.api.exception.ODataApplicationException;
import org.apache.olingo.odata2.api.exception.ODataException;
import org.apache.olingo.odata2.api.exception.ODataNotFoundException;
import org.apache.olingo.odata2.api.exception.ODataNotImplementedException;
import org.apache.olingo.odata2.api.exception.ODataPreconditionFailedException;
import org.apache.olingo.odata2.api.exception.ODataPreconditionRequiredException;
import org.apache.olingo.odata2.api.processor.ODataResponse;
import org.apache.olingo.odata2.api.processor.ODataSingleProcessor;
import org.apache.olingo.odata2.api.uri.ExpandSelectTreeNode;
import org.apache.olingo.odata2.api.uri.KeyPredicate;
import org.apache.olingo.odata2.api.uri.UriParser;
import org.apache.olingo.odata2.api.uri.info.GetEntitySetUriInfo;
import org.apache.olingo.odata2.api.uri.info.GetEntityUriInfo;
import org.apache.olingo.odata2.api.uri.info.PostUriInfo;
import org.apache.olingo.odata2.api.uri.info.PutMergePatchUriInfo;

/**
 * Olingo V2 processor over {@link OrderRepository}: entry/feed reads (with $expand=OrderLines),
 * optimistic-concurrency PUT/MERGE of SalesOrders and POST of new SalesOrders. Anything else
 * answers 501 (ODataSingleProcessor's default).
 */
final class PeerProcessor extends ODataSingleProcessor {

    private static final int DEFAULT_TOP = 100;

    private final OrderRepository repo;

    PeerProcessor(OrderRepository repo) {
        this.repo = repo;
    }

    @Override
    public ODataResponse readEntity(GetEntityUriInfo uriInfo, String contentType) throws ODataException {
        if (!uriInfo.getNavigationSegments().isEmpty()) {
            throw new ODataNotImplementedException();
        }
        EdmEntitySet set = uriInfo.getTargetEntitySet();
        long id = key(uriInfo.getKeyPredicates());
        Map<String, Object> row;
        try {
            row = SALES_ORDERS.equals(set.getName()) ? repo.findOrder(id) : repo.findLine(id);
        } catch (SQLException e) {
            throw dbFailure(e);
        }
        if (row == null) {
            throw new ODataNotFoundException(ODataNotFoundException.ENTITY);
        }
        return EntityProvider.writeEntry(contentType, set, row,
                writeProperties(UriParser.createExpandSelectTree(uriInfo.getSelect(), uriInfo.getExpand())));
    }

    @Override
    public ODataResponse readEntitySet(GetEntitySetUriInfo uriInfo, String contentType) throws ODataException {
        // Only what the benchmark needs; refuse rather than silently ignore query options.
        if (uriInfo.getFilter() != null || uriInfo.getOrderBy() != null || uriInfo.getNavigationSegments().size() > 1) {
            throw new ODataNotImplementedException();
        }
        EdmEntitySet set = uriInfo.getTargetEntitySet();
        int top = uriInfo.getTop() != null ? uriInfo.getTop() : DEFAULT_TOP;
        int skip = uriInfo.getSkip() != null ? uriInfo.getSkip() : 0;
        List<Map<String, Object>> rows;
        try {
            if (!uriInfo.getNavigationSegments().isEmpty()) { // SalesOrders(n)/OrderLines
                rows = repo.findLines(key(uriInfo.getKeyPredicates()));
            } else if (SALES_ORDERS.equals(set.getName())) {
                rows = repo.findOrders(top, skip);
            } else {
                rows = repo.findLines(top, skip);
            }
        } catch (SQLException e) {
            throw dbFailure(e);
        }
        return EntityProvider.writeFeed(contentType, set, rows,
                writeProperties(UriParser.createExpandSelectTree(uriInfo.getSelect(), uriInfo.getExpand())));
    }

    /** PUT (merge=false: absent fields become null) and MERGE/PATCH (merge=true) of a SalesOrder. */
    @Override
    public ODataResponse updateEntity(PutMergePatchUriInfo uriInfo, InputStream content, String requestContentType,
                                      boolean merge, String contentType) throws ODataException {
        EdmEntitySet set = uriInfo.getTargetEntitySet();
        if (!uriInfo.getNavigationSegments().isEmpty() || !SALES_ORDERS.equals(set.getName())) {
            throw new ODataNotImplementedException();
        }
        long id = key(uriInfo.getKeyPredicates());
        // Olingo only checks that some precondition header is present; matching it is our job.
        String ifMatch = getContext().getRequestHeader(HttpHeaders.IF_MATCH);
        if (ifMatch == null) {
            throw new ODataPreconditionRequiredException(ODataPreconditionRequiredException.COMMON);
        }
        Long expected = expectedVersion(ifMatch);
        ODataEntry entry = EntityProvider.readEntry(requestContentType, set, content,
                EntityProviderReadProperties.init().mergeSemantic(merge).build());
        OrderRepository.UpdateResult result;
        try {
            result = repo.updateOrder(id, entry.getProperties(), merge, expected);
        } catch (SQLException e) {
            throw dbFailure(e);
        }
        return switch (result.outcome()) {
            // No status set: Olingo turns an empty PUT/MERGE response into 204.
            case UPDATED -> ODataResponse.newBuilder().eTag(etag(result.version())).build();
            case NOT_FOUND -> throw new ODataNotFoundException(ODataNotFoundException.ENTITY);
            case VERSION_MISMATCH -> throw new ODataPreconditionFailedException(ODataPreconditionFailedException.COMMON);
        };
    }

    @Override
    public ODataResponse createEntity(PostUriInfo uriInfo, InputStream content, String requestContentType,
                                      String contentType) throws ODataException {
        EdmEntitySet set = uriInfo.getTargetEntitySet();
        if (!uriInfo.getNavigationSegments().isEmpty() || !SALES_ORDERS.equals(set.getName())) {
            throw new ODataNotImplementedException();
        }
        ODataEntry entry = EntityProvider.readEntry(requestContentType, set, content,
                EntityProviderReadProperties.init().mergeSemantic(false).build());
        Map<String, Object> created;
        try {
            created = repo.insertOrder(entry.getProperties());
        } catch (SQLException e) {
            throw dbFailure(e);
        }
        // No status set: Olingo answers a POST to an entity set with 201 (and the entry's ETag).
        return EntityProvider.writeEntry(contentType, set, created, writeProperties(null));
    }

    private EntityProviderWriteProperties writeProperties(ExpandSelectTreeNode expandSelect) throws ODataException {
        Map<String, ODataCallback> callbacks = Map.of(NAV_ORDER_LINES, new OrderLinesCallback());
        return EntityProviderWriteProperties.serviceRoot(getContext().getPathInfo().getServiceRoot())
                .expandSelectTree(expandSelect)
                .callbacks(callbacks)
                .build();
    }

    /** Supplies the inlined OrderLines feed when the client asks for $expand=OrderLines. */
    private final class OrderLinesCallback implements OnWriteFeedContent {
        @Override
        public WriteFeedCallbackResult retrieveFeedResult(WriteFeedCallbackContext context)
                throws ODataApplicationException {
            try {
                long orderId = (Long) context.extractKeyFromEntryData().get("Id");
                WriteFeedCallbackResult result = new WriteFeedCallbackResult();
                result.setFeedData(repo.findLines(orderId));
                result.setInlineProperties(EntityProviderWriteProperties
                        .serviceRoot(getContext().getPathInfo().getServiceRoot())
                        .expandSelectTree(context.getCurrentExpandSelectTreeNode())
                        .selfLink(context.getSelfLink())
                        .build());
                return result;
            } catch (SQLException | ODataException e) {
                throw new ODataApplicationException("cannot read order lines: " + e.getMessage(), Locale.ROOT, e);
            }
        }
    }

    /** The single Int64 key, parsed by Olingo's own type so "1" and "1L" both work. */
    private static long key(List<KeyPredicate> keys) throws ODataException {
        KeyPredicate key = keys.get(0);
        EdmProperty property = key.getProperty();
        return ((EdmSimpleType) property.getType())
                .valueOfString(key.getLiteral(), EdmLiteralKind.DEFAULT, property.getFacets(), Long.class);
    }

    /** ETag as Olingo's entity providers render it for a single Fixed Int64 property. */
    static String etag(long version) {
        return "W/\"" + version + "\"";
    }

    /**
     * Version demanded by If-Match, or null for "*" (any current version). Accepts W/"n", "n"
     * and n; anything unparsable can never match and so fails with 412.
     */
    private static Long expectedVersion(String ifMatch) throws ODataException {
        String tag = ifMatch.trim();
        if (tag.equals("*")) {
            return null;
        }
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw new ODataPreconditionFailedException(ODataPreconditionFailedException.COMMON);
        }
    }

    private static ODataException dbFailure(SQLException e) {
        return new ODataException("database error: " + e.getMessage(), e);
    }
}
