package io.sdataserver.atom;

/** Namespace URIs and the literal prefixes SData clients expect (Sage's JavaScript client reads prefixes). */
public final class Namespaces {
    public static final String ATOM = "http://www.w3.org/2005/Atom";
    public static final String SDATA = "http://schemas.sage.com/sdata/2008/1";
    public static final String HTTP = "http://schemas.sage.com/sdata/http/2008/1";
    public static final String OPENSEARCH = "http://a9.com/-/spec/opensearch/1.1/";
    public static final String SME = "http://schemas.sage.com/sdata/sme/2007";
    public static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    private Namespaces() { }
}
