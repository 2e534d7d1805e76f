package io.sdataserver.pipeline;

import io.sdataserver.contract.Property;
import io.sdataserver.contract.ResourceKind;
import io.sdataserver.service.Dataset;
import java.util.ArrayList;
import java.util.List;

/**
 * What an SData URL below a dataset addresses (§2), parsed from the URL alone: no data is read to build it, so
 * authorization and per-kind policies can decide on it before anything is touched. Which resource a selector or a
 * chain of property segments ends at is found when the request runs, inside its unit of work.
 */
public sealed interface Target {
    Dataset dataset();

    /**
     * A single resource: a kind with a key or a selector clause, then single children, list items and single
     * references followed one by one (property URLs chain, §2.3).
     */
    record ResourcePath(ResourceKind kind, String key, String clause, List<Hop> hops) {
        public ResourcePath {
            hops = List.copyOf(hops);
        }

        static ResourcePath of(ResourceKind kind, String key, String clause) { return new ResourcePath(kind, key, clause, List.of()); }

        ResourcePath then(Property property, String childKey) {
            List<Hop> more = new ArrayList<>(hops);
            more.add(new Hop(property, childKey));
            return new ResourcePath(kind, key, clause, more);
        }
    }

    /** One step of a chain: a child (a list item by its key, or a single child) or a single reference. */
    record Hop(Property property, String childKey) { }

    /** {@code salesOrders}: the feed (GET) and creates (POST). */
    record Collection(Dataset dataset, ResourceKind kind) implements Target { }

    /** {@code salesOrders('1')}: read, update, delete. */
    record Resource(Dataset dataset, ResourcePath path) implements Target { }

    /** {@code salesOrders('1')/orderLines('3')}, {@code salesOrders('1')/billAddress}: one child at its property URL. */
    record Child(Dataset dataset, ResourcePath owner, Property property, String childKey) implements Target { }

    /** {@code salesOrders('1')/orderLines}, {@code customers('C1')/salesOrders}: a related feed (POST appends a child). */
    record Related(Dataset dataset, ResourcePath owner, Property property) implements Target { }

    /** {@code salesOrders('1')/contact}: the referenced resource, read-only here. */
    record Reference(Dataset dataset, ResourcePath owner, Property property) implements Target { }

    /** {@code salesOrders/$template} or {@code salesOrders('1')/orderLines/$template}: the entry of a new resource. */
    record Template(Dataset dataset, ResourceKind kind, ResourcePath owner, boolean creatable) implements Target { }

    /** {@code $schema} and its imported parts. */
    record Schema(Dataset dataset, String part) implements Target { }

    /** {@code salesOrders/$schema}: a redirect to the contract schema's element. */
    record KindSchema(Dataset dataset, ResourceKind kind) implements Target { }

    /** {@code salesOrders/$batch} (§13), or {@code $batch} for entries of any kind of the contract ({@code kind} null). */
    record Batch(Dataset dataset, ResourceKind kind) implements Target { }

    /** {@code salesOrders/$post('id')}: a reliable post's tracking URL (§8.4). */
    record TrackedPost(Dataset dataset, ResourceKind kind, String trackingId) implements Target { }
}
