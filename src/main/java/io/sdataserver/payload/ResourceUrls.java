package io.sdataserver.payload;

import io.sdataserver.contract.EntityType;
import io.sdataserver.contract.Property;

/** The URLs the payload carries (sdata:url, sdata:lookup), built by the HTTP layer from the request's base. */
public interface ResourceUrls {
    /** The resource URL of a resource of this type, or null when the type is not a resource kind. */
    String resource(EntityType type, String key);

    /** The collection URL of the type's resource kind, or null. */
    String collection(EntityType type);

    /** The property URL of a relationship of a resource, e.g. .../salesOrders('1')/orderLines. */
    String property(String resourceUrl, Property p);
}
