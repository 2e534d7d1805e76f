package io.sdataserver.security;

import java.nio.file.Path;

/**
 * How callers prove who they are: a users file (HTTP Basic), bearer tokens (a public key or a shared secret, with
 * the issuer and audience they must name), both, or neither (then the server trusts whoever reaches it, which
 * {@code Main} allows on loopback only unless told otherwise).
 */
public record Security(Path usersFile, Path jwtKey, Path jwtSecretFile, String jwtIssuer, String jwtAudience) {
    public static final Security NONE = new Security(null, null, null, null, null);

    public boolean basic() { return usersFile != null; }

    public boolean tokens() { return jwtKey != null || jwtSecretFile != null; }

    public boolean enabled() { return basic() || tokens(); }
}
