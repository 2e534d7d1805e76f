package io.sdataserver.testsupport;

/** Builds request entries the way SData consumers send them. */
public final class Entries {
    public static final String CONTRACT_NS = "http://schemas.sage.com/myContract";

    private Entries() { }

    /** An Atom entry whose sdata:payload holds the given resource element XML. */
    public static String entry(String resourceXml) {
        return "<entry xmlns=\"http://www.w3.org/2005/Atom\" xmlns:sdata=\"http://schemas.sage.com/sdata/2008/1\""
                + " xmlns:http=\"http://schemas.sage.com/sdata/http/2008/1\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><id/><title/><content/>"
                + "<sdata:payload>" + resourceXml + "</sdata:payload></entry>";
    }

    /** {@code <name xmlns="contract" attrs>inner</name>} in the bundled contract's namespace. */
    public static String resource(String name, String attrs, String inner) {
        return "<" + name + " xmlns=\"" + CONTRACT_NS + "\"" + (attrs.isEmpty() ? "" : " " + attrs) + ">" + inner + "</" + name + ">";
    }
}
