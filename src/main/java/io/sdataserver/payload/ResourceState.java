package io.sdataserver.payload;

import io.sdataserver.contract.EntityType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A resource as stored: its identity, concurrency token and values. Simple values are keyed by property name;
 * single links hold the target; children and link lists are filled only when they were asked for.
 */
public final class ResourceState {
    private final EntityType type;
    private final String key;
    private final String uuid;
    private final String etag;
    private final long version;
    private final Instant updated;
    private Instant published;
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, LinkTarget> links = new LinkedHashMap<>();
    private final Map<String, List<ResourceState>> children = new LinkedHashMap<>();
    private final Map<String, List<LinkTarget>> linkLists = new LinkedHashMap<>();

    public ResourceState(EntityType type, String key, String uuid, String etag, long version, Instant updated) {
        this.type = type;
        this.key = key;
        this.uuid = uuid;
        this.etag = etag;
        this.version = version;
        this.updated = updated;
    }

    public EntityType type() { return type; }
    public String key() { return key; }
    public String uuid() { return uuid; }
    public String etag() { return etag; }
    public long version() { return version; }
    public Instant updated() { return updated; }
    /** When the resource was created (atom:published); rows older than the column fall back to updated. */
    public Instant published() { return published != null ? published : updated; }
    public void published(Instant published) { this.published = published; }

    private String updatedBy;

    /** The authenticated caller who wrote the resource last, or null. */
    public String updatedBy() { return updatedBy; }
    public void updatedBy(String name) { this.updatedBy = name; }
    public Map<String, Object> values() { return values; }
    public Map<String, LinkTarget> links() { return links; }
    /** Child resources by property; present only for the properties that were loaded. */
    public Map<String, List<ResourceState>> children() { return children; }
    public Map<String, List<LinkTarget>> linkLists() { return linkLists; }
}
