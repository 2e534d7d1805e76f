package io.sdataserver.pipeline;

import io.sdataserver.atom.Link;
import io.sdataserver.contract.EntityType;
import io.sdataserver.contract.Property;
import io.sdataserver.contract.ResourceKind;
import io.sdataserver.payload.ResourceUrls;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Every URL the server writes, from the request's base URI (so links follow the Host the client used). Keys are
 * quoted with doubled inner quotes and percent-encoded so each URL is directly usable (URL-35).
 */
public final class Urls implements ResourceUrls {
    private final String sdataBase;   // http://host:port/sdata
    private final String datasetUrl;  // .../sdata/app/contract/ds
    /** The kind last asked about, its collection URL and links: a batch or a feed asks for them on every entry. */
    private volatile KindUrls last;

    private record KindUrls(ResourceKind kind, String collection, List<Link> links) { }

    public Urls(String baseUri, String application, String contract, String dataset) {
        String b = baseUri.endsWith("/") ? baseUri.substring(0, baseUri.length() - 1) : baseUri;
        this.sdataBase = b + "/sdata";
        this.datasetUrl = dataset == null ? null
                : sdataBase + "/" + segment(application) + "/" + segment(contract) + "/" + segment(dataset);
    }

    public String sdata() { return sdataBase; }
    public String application(String app) { return sdataBase + "/" + segment(app); }
    public String contract(String app, String contract) { return application(app) + "/" + segment(contract); }
    public String dataset() { return datasetUrl; }
    public String schema() { return datasetUrl + "/$schema"; }

    public String collection(ResourceKind kind) { return of(kind).collection(); }

    /** The schema, template and post links of a kind's feed and standalone entries (ENT-6, ENT-7), the same each time. */
    public List<Link> kindLinks(ResourceKind kind) { return of(kind).links(); }

    private KindUrls of(ResourceKind kind) {
        KindUrls k = last;
        if (k != null && k.kind() == kind) return k;
        String collection = datasetUrl + "/" + segment(kind.pluralName());
        List<Link> links = !kind.canPost() ? List.of(new Link(Link.REL_SCHEMA, "application/xml", "Schema", collection + "/$schema"))
                : List.of(new Link(Link.REL_SCHEMA, "application/xml", "Schema", collection + "/$schema"),
                        new Link(Link.REL_TEMPLATE, Link.ENTRY_TYPE, "Template", collection + "/$template"),
                        new Link(Link.REL_POST, Link.ENTRY_TYPE, "Post", collection));
        k = new KindUrls(kind, collection, links);
        last = k;
        return k;
    }
    public String resource(ResourceKind kind, String key) { return collection(kind) + "('" + keyText(key) + "')"; }
    public String template(ResourceKind kind) { return collection(kind) + "/$template"; }
    /** Where a reliable post is tracked (§8.4). */
    public String trackedPost(ResourceKind kind, String trackingId) { return collection(kind) + "/$post('" + trackingId + "')"; }
    public String kindSchema(ResourceKind kind) { return collection(kind) + "/$schema"; }

    @Override public String resource(EntityType type, String key) {
        return type.resourceKind() == null ? null : resource(type.resourceKind(), key);
    }

    @Override public String collection(EntityType type) {
        return type.resourceKind() == null ? null : collection(type.resourceKind());
    }

    @Override public String property(String resourceUrl, Property p) { return resourceUrl + "/" + segment(p.name()); }

    private static String keyText(String key) { return encode(key.replace("'", "''"), "'"); }

    public static String segment(String s) { return encode(s, ""); }

    /** Percent-encodes everything but RFC 3986 unreserved characters, a few safe sub-delims and {@code extra}. */
    private static String encode(String s, String extra) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~!$*,;=:@".indexOf(c) >= 0
                    || extra.indexOf(c) >= 0) {
                sb.append(c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return sb.toString();
    }
}
