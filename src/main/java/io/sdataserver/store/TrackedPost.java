package io.sdataserver.store;

import java.time.Instant;

/** A reliable post: its trackingID, the kind (plural name) and key of the resource it created, and when. */
public record TrackedPost(String trackingId, String kind, String key, Instant created, boolean discarded) { }
