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
        if (address.publicUrl() != null) {
            safe = address.publicUrl();
        } else {
            String host = base.getHost() == null ? "" : base.getHost().toLowerCase(Locale.ROOT);
            if (trusted.contains(host)) return;
            safe = UriBuilder.fromUri(base).host("localhost").port(localPort()).build();
        }
        String rest = request.getRawPath().substring(Math.min(request.getRawPath().length(), base.getRawPath().length()));
        URI rebuilt = URI.create(safe.toString() + rest + (request.getRawQuery() == null ? "" : "?" + request.getRawQuery()));
        ctx.setRequestUri(safe, rebuilt);
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
