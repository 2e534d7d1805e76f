package io.sdataserver.service;

import io.sdataserver.contract.Property;
import io.sdataserver.contract.ResourceKind;
import io.sdataserver.diagnosis.SDataException;
import io.sdataserver.payload.ResourceState;
import io.sdataserver.query.QuerySyntaxException;
import io.sdataserver.query.WhereParser;
import io.sdataserver.store.CollectionQueries;
import io.sdataserver.store.Selection;
import io.sdataserver.store.UnitOfWork;
import java.util.ArrayList;
import java.util.List;

/**
 * The query rules of §6 and §2.2-2.3 over the store: which rows a feed, a property URL or a selector addresses,
 * the query language's faults as 400 diagnoses (BadWhereSyntax for where and selectors, BadQueryParameter for
 * orderBy), and the flags that allow reading.
 */
public final class QueryService {
    private final CollectionQueries queries;
    private final ResourceService resources;

    public QueryService(CollectionQueries queries, ResourceService resources) {
        this.queries = queries;
        this.resources = resources;
    }

    /** {@code /{kind}?where=...&orderBy=...}. */
    public FeedQuery collection(Dataset ds, ResourceKind kind, String where, String orderBy) {
        ResourceService.requireGet(kind);
        Selection sel = queries.select(kind.type(), kind);
        return feed(ds, sel, where, orderBy);
    }

    /**
     * {@code /{kind}('{key}')/{property}}: the children of a child list, or the resources an association or
     * reference list points at; 404 when the owner does not exist.
     */
    public FeedQuery related(UnitOfWork uow, Dataset ds, ResourceKind kind, String key, Property p, String where, String orderBy) {
        resources.read(uow, ds, kind, key); // 404 / 410 first
        ResourceKind target = p.target().resourceKind();
        Selection sel = queries.select(p.target(), target);
        if (p.isChild()) sel.childrenOf(kind.type(), key, p.name());
        else sel.linkedFrom(kind.type(), key, p.name());
        return feed(ds, sel, where, orderBy);
    }

    /** {@code /{kind}(<condition>)}: exactly one match, else 404 (none, checklist 28 row 27) or 400 (several). */
    public ResourceState selectOne(UnitOfWork uow, Dataset ds, ResourceKind kind, String clause) {
        ResourceService.requireGet(kind);
        Selection sel = queries.select(kind.type(), kind);
        try {
            sel.where(WhereParser.parse(clause));
        } catch (QuerySyntaxException e) {
            throw SDataException.badWhere("selector " + kind.pluralName() + "(" + clause + "): " + e.getMessage());
        }
        List<ResourceState> found = new ArrayList<>();
        queries.page(uow, ds.storageName(), sel, 0, null, 2, found::add);
        if (found.isEmpty()) {
            throw SDataException.resourceNotFound("no " + kind.elementName() + " matches " + clause + " in dataset " + ds.name());
        }
        if (found.size() > 1) {
            throw SDataException.badWhere("the selector " + kind.pluralName() + "(" + clause + ") matches more than one "
                    + kind.elementName() + "; a selector must address a single resource (use where= for a feed)");
        }
        return found.get(0);
    }

    private FeedQuery feed(Dataset ds, Selection sel, String where, String orderBy) {
        if (where != null && !where.isBlank()) {
            try {
                sel.where(WhereParser.parse(where));
            } catch (QuerySyntaxException e) {
                throw SDataException.badWhere("where: " + e.getMessage());
            }
        }
        if (orderBy != null && !orderBy.isBlank()) {
            try {
                sel.orderBy(WhereParser.parseOrderBy(orderBy));
            } catch (QuerySyntaxException e) {
                throw SDataException.badParameter("orderBy: " + e.getMessage());
            }
        }
        return new FeedQuery(queries, ds.storageName(), sel);
    }
}
