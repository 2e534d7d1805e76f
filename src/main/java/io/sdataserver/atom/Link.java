package io.sdataserver.atom;

/** An atom:link. */
public record Link(String rel, String type, String title, String href) {
    public static final String ENTRY_TYPE = "application/atom+xml; type=entry";
    public static final String FEED_TYPE = "application/atom+xml; type=feed";
    public static final String REL_SCHEMA = "http://schemas.sage.com/sdata/link-relations/schema";
    public static final String REL_TEMPLATE = "http://schemas.sage.com/sdata/link-relations/template";
    public static final String REL_POST = "http://schemas.sage.com/sdata/link-relations/post";
}
