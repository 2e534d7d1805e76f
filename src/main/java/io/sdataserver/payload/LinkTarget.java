package io.sdataserver.payload;

/** The far end of a reference or association: its key and/or uuid (either may be null, not both). */
public record LinkTarget(String key, String uuid, boolean deleted) {
    public LinkTarget(String key, String uuid) { this(key, uuid, false); }
}
