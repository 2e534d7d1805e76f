package io.sdataserver.http;

import io.sdataserver.diagnosis.Diagnosis;
import io.sdataserver.security.BearerTokens;
import io.sdataserver.security.Caller;
import io.sdataserver.security.FailureThrottle;
import io.sdataserver.security.Security;
import io.sdataserver.security.UsersFile;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Who is calling (§5, checklist section 16): with {@code --users} or a token key, every request must carry
 * credentials in {@code Authorization} (or {@code X-Authorization}, as Sage's clients send them): HTTP Basic checked
 * against the users file, or an OAuth2 bearer token (JWT). Missing or wrong ones are 401 with a diagnosis and a
 * {@code WWW-Authenticate} challenge per scheme configured, left out under {@code X-Authorization-Mode:
 * no-challenge} so that a browser shows no login dialog. The caller found is kept on the request for the
 * dispatcher, which decides what it may do. Runs after CORS (a preflight carries no credentials).
 */
@PreMatching
@Priority(Priorities.HEADER_DECORATOR - 150)
public final class AuthFilter implements ContainerRequestFilter {
    public static final String CALLER = "sdata.caller";

    private final UsersFile users;
    private final BearerTokens tokens;
    private final Services services;
    private final FailureThrottle throttle = new FailureThrottle();
    @Context private jakarta.inject.Provider<org.glassfish.grizzly.http.server.Request> connection;

    public AuthFilter(Services services) {
        this.services = services;
        Security security = services.config().security();
        this.users = security.basic() ? new UsersFile(security.usersFile()) : null;
        this.tokens = security.tokens()
                ? new BearerTokens(security.jwtKey(), security.jwtSecretFile(), security.jwtIssuer(), security.jwtAudience()) : null;
    }

    /** The caller of a request this filter saw (everyone is unrestricted without --users). */
    public static Caller caller(ContainerRequestContext ctx) {
        Object c = ctx.getProperty(CALLER);
        return c instanceof Caller caller ? caller : Caller.UNRESTRICTED;
    }

    @Override
    public void filter(ContainerRequestContext ctx) {
        if (users == null && tokens == null) {
            ctx.setProperty(CALLER, Caller.UNRESTRICTED);
            return;
        }
        if ("health".equals(ctx.getUriInfo().getPath())) return; // a probe has no credentials and learns nothing
        String auth = ctx.getHeaderString("Authorization");
        if (auth == null) auth = ctx.getHeaderString("X-Authorization");
        if (auth == null || auth.isBlank()) {
            challenge(ctx, "MissingCredentials", "this server needs credentials: Authorization: "
                    + (users != null ? "Basic ..." : "Bearer ..."));
            return;
        }
        if (auth.trim().regionMatches(true, 0, "Bearer ", 0, 7)) {
            bearer(ctx, auth.trim().substring(7));
            return;
        }
        if (users == null) {
            challenge(ctx, "BadCredentials", "this server takes bearer tokens only");
            return;
        }
        String[] nameAndPassword = basic(auth);
        // guesses are counted per address and user name: a guesser is slowed down, others behind the same address are
        // not; with no guesses counted (the usual case) the address is not even looked up
        java.util.function.Supplier<String> guesser = () -> address() + " " + (nameAndPassword == null ? "" : nameAndPassword[0]);
        long wait = throttle.quiet() ? 0 : throttle.waitSeconds(guesser.get());
        if (wait > 0) {
            ctx.abortWith(Response.fromResponse(answer(ctx, 429, Diagnosis.application("TooManyFailures",
                    "too many wrong credentials for this user from this address; wait " + wait + " s", null)))
                    .header("Retry-After", wait).build());
            return;
        }
        if (nameAndPassword == null) {
            throttle.failed(guesser.get());
            challenge(ctx, "BadCredentials", "the credentials are not Basic name:password in base64");
            return;
        }
        Caller caller = users.verify(nameAndPassword[0], nameAndPassword[1]);
        if (caller == null) {
            throttle.failed(guesser.get());
            challenge(ctx, "BadCredentials", "unknown user or wrong password");
            return;
        }
        ctx.setProperty(CALLER, caller);
    }

    private void bearer(ContainerRequestContext ctx, String token) {
        if (tokens == null) {
            challenge(ctx, "BadCredentials", "this server takes Basic credentials, not bearer tokens");
            return;
        }
        try {
            ctx.setProperty(CALLER, tokens.verify(token));
        } catch (BearerTokens.Refused e) {
            challenge(ctx, "BadCredentials", e.getMessage());
        }
    }

    private static String[] basic(String header) {
        String h = header.trim();
        if (h.length() < 6 || !h.substring(0, 6).equalsIgnoreCase("basic ")) return null;
        try {
            String decoded = new String(Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon <= 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void challenge(ContainerRequestContext ctx, String code, String message) {
        Response r = answer(ctx, 401, Diagnosis.application(code, message, null));
        boolean silent = "no-challenge".equalsIgnoreCase(String.valueOf(ctx.getHeaderString("X-Authorization-Mode")).trim());
        if (silent) {
            ctx.abortWith(r);
            return;
        }
        Response.ResponseBuilder rb = Response.fromResponse(r);
        if (users != null) rb.header("WWW-Authenticate", "Basic realm=\"sdata\"");
        if (tokens != null) rb.header("WWW-Authenticate", "Bearer realm=\"sdata\"");
        ctx.abortWith(rb.build());
    }

    private Response answer(ContainerRequestContext ctx, int status, Diagnosis d) { return services.responses().refusal(ctx, status, d); }

    private String address() {
        try {
            String a = connection.get().getRemoteAddr();
            return a == null ? "?" : a;
        } catch (RuntimeException e) {
            return "?";
        }
    }
}
