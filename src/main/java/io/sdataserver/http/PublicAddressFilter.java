package io.sdataserver.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Puts the request on the server's public address before anything builds a link from it ({@link PublicAddress}):
 * every URL an answer carries derives from the base URI this filter leaves, so a forged Host header cannot send a
 * client's next request elsewhere.
 */
@PreMatching
@Priority(Priorities.HEADER_DECORATOR - 400)
public final class PublicAddressFilter implements ContainerRequestFilter {
    private final PublicAddress address;
    private final Set<String> trusted;
    @jakarta.ws.rs.core.Context private jakarta.inject.Provider<org.glassfish.grizzly.http.server.Request> connection;

    public PublicAddressFilter(PublicAddress address) {
        this.address = address;
        this.trusted = address.trustedHosts();
    }

    @Override
    public void filter(ContainerRequestContext ctx) {
        URI base = ctx.getUriInfo().getBaseUri();
        URI request = ctx.getUriInfo().getRequestUri();
        URI safe;
        URI forwarded = address.trustedProxies().isEmpty() ? null : forwarded(ctx, base);
        if (address.publicUrl() != null) {
            safe = address.publicUrl();
        } else if (forwarded != null) {
            safe = forwarded;
        } else {
            String host = base.getHost() == null ? "" : base.getHost().toLowerCase(Locale.ROOT);
            if (trusted.contains(host)) return;
            safe = UriBuilder.fromUri(base).host("localhost").port(localPort()).build();
        }
        String rest = request.getRawPath().substring(Math.min(request.getRawPath().length(), base.getRawPath().length()));
        URI rebuilt = URI.create(safe.toString() + rest + (request.getRawQuery() == null ? "" : "?" + request.getRawQuery()));
        ctx.setRequestUri(safe, rebuilt);
    }

    /** Where a trusted proxy says the client reached it, or null (not from a trusted proxy, or nothing said). */
    private URI forwarded(ContainerRequestContext ctx, URI base) {
        String remote;
        try {
            remote = connection.get().getRemoteAddr();
        } catch (RuntimeException e) {
            return null;
        }
        if (remote == null || !address.trustedProxies().contains(remote)) return null;
        String proto = ctx.getHeaderString("X-Forwarded-Proto");
        String host = ctx.getHeaderString("X-Forwarded-Host");
        String port = ctx.getHeaderString("X-Forwarded-Port");
        String rfc = ctx.getHeaderString("Forwarded");
        if (rfc != null && host == null) {
            for (String part : rfc.split(",")[0].split(";")) { // the first hop is the client's view
                String[] kv = part.trim().split("=", 2);
                if (kv.length != 2) continue;
                String v = kv[1].trim().replace("\"", "");
                if (kv[0].equalsIgnoreCase("proto")) proto = v;
                if (kv[0].equalsIgnoreCase("host")) host = v;
            }
        }
        if (host == null) return null;
        host = host.split(",")[0].trim();
        String scheme = proto != null && proto.split(",")[0].trim().equalsIgnoreCase("https") ? "https" : "http";
        try {
            URI u = URI.create(scheme + "://" + host + "/");
            int p = u.getPort();
            if (port != null && p < 0) p = Integer.parseInt(port.split(",")[0].trim());
            return UriBuilder.fromUri(base).scheme(scheme).host(u.getHost()).port(p).build();
        } catch (IllegalArgumentException e) {
            return null; // a header that is not a host: ignore it rather than build links from it
        }
    }

    /** The port the request came in on (the forged Host's port means nothing either). */
    private int localPort() {
        try {
            return connection.get().getLocalPort();
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
