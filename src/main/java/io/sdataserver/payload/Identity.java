package io.sdataserver.payload;

/**
 * Who a resource is in a payload (§3.8): its key, uuid and URL, any of them null when not known or not sent. Read
 * from a request as sent (untrimmed: the reader's rules judge them); written as the server has them.
 */
public record Identity(String key, String uuid, String url) {
    /** Nothing known: a template's resource, an item about to be created. */
    public static final Identity NONE = new Identity(null, null, null);
}
