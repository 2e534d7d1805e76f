package io.sdataserver.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * OAuth2 bearer tokens (JWT), checked with Nimbus JOSE: the signature (RS256 or ES256 with {@code --jwt-key}, a PEM
 * public key; HS256 with {@code --jwt-secret-file}), {@code exp} (required), {@code nbf}, {@code iss} and
 * {@code aud} (when configured), with a minute of clock skew. The {@code scope} claim's {@code sdata:read},
 * {@code sdata:write} and {@code sdata:admin} items (optionally {@code @contract} or {@code @contract/dataset})
 * are the caller's grants; {@code sub} is its name.
 */
public final class BearerTokens {
    private static final long SKEW_MILLIS = 60_000;

    /** Why a token was refused, for the diagnosis. */
    public static final class Refused extends Exception {
        Refused(String message) { super(message); }
    }

    /** A token whose signature and claims held: its caller, and the times it is valid between. */
    private record Verified(Caller caller, long notBefore, long expires) { }

    private static final int MAX_REMEMBERED = 10_000;

    /** Tokens verified already: a client sends the same token many times, the signature is checked once. */
    private final java.util.Map<String, Verified> verified = new java.util.concurrent.ConcurrentHashMap<>();
    private final JWSVerifier verifier;
    private final Set<JWSAlgorithm> algorithms;
    private final String issuer;
    private final String audience;

    public BearerTokens(Path publicKey, Path secretFile, String issuer, String audience) {
        this.issuer = issuer;
        this.audience = audience;
        try {
            if (publicKey != null) {
                PublicKey key = readPublicKey(publicKey);
                if (key instanceof RSAPublicKey rsa) {
                    verifier = new RSASSAVerifier(rsa);
                    algorithms = Set.of(JWSAlgorithm.RS256);
                } else if (key instanceof ECPublicKey ec) {
                    verifier = new ECDSAVerifier(ec);
                    algorithms = Set.of(JWSAlgorithm.ES256);
                } else {
                    throw new IllegalArgumentException("--jwt-key " + publicKey + " is neither an RSA nor an EC public key");
                }
            } else {
                byte[] secret = Files.readString(secretFile, StandardCharsets.UTF_8).trim().getBytes(StandardCharsets.UTF_8);
                if (secret.length < 32) throw new IllegalArgumentException("--jwt-secret-file must hold at least 32 bytes for HS256");
                verifier = new MACVerifier(secret);
                algorithms = Set.of(JWSAlgorithm.HS256);
            }
        } catch (IOException | JOSEException e) {
            throw new IllegalArgumentException("the token key cannot be read: " + e.getMessage());
        }
    }

    /** The caller a token proves; {@link Refused} says why not. */
    public Caller verify(String token) throws Refused {
        String t = token.trim();
        Verified known = verified.get(t);
        long now = System.currentTimeMillis();
        if (known != null) {
            if (known.expires() + SKEW_MILLIS < now) throw new Refused("the token has expired");
            if (known.notBefore() - SKEW_MILLIS > now) throw new Refused("the token is not valid yet (nbf)");
            return known.caller();
        }
        Verified v = check(t, now);
        if (verified.size() >= MAX_REMEMBERED) verified.clear(); // bounded: a flood of tokens only costs their checks
        verified.put(t, v);
        if (v.notBefore() - SKEW_MILLIS > now) throw new Refused("the token is not valid yet (nbf)");
        return v.caller();
    }

    private Verified check(String token, long now) throws Refused {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token.trim());
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new Refused("the bearer token is not a signed JWT");
        }
        if (!algorithms.contains(jwt.getHeader().getAlgorithm())) {
            throw new Refused("the token is signed with " + jwt.getHeader().getAlgorithm() + "; this server takes " + algorithms);
        }
        try {
            if (!jwt.verify(verifier)) throw new Refused("the token's signature does not verify");
        } catch (JOSEException e) {
            throw new Refused("the token's signature does not verify");
        }
        Date exp = claims.getExpirationTime();
        if (exp == null) throw new Refused("the token has no expiry (exp)");
        if (exp.getTime() + SKEW_MILLIS < now) throw new Refused("the token has expired");
        Date nbf = claims.getNotBeforeTime();
        if (issuer != null && !issuer.equals(claims.getIssuer())) throw new Refused("the token's issuer is not " + issuer);
        if (audience != null && (claims.getAudience() == null || !claims.getAudience().contains(audience))) {
            throw new Refused("the token is not meant for " + audience + " (aud)");
        }
        String subject = claims.getSubject() == null ? "token" : claims.getSubject();
        return new Verified(Caller.of(subject, grants(claims)), nbf == null ? Long.MIN_VALUE / 2 : nbf.getTime(), exp.getTime());
    }

    private static List<Grant> grants(JWTClaimsSet claims) {
        List<String> scopes = new ArrayList<>();
        Object scope = claims.getClaim("scope");
        if (scope instanceof String s) {
            for (String item : s.trim().split("\\s+")) if (!item.isEmpty()) scopes.add(item);
        } else if (scope instanceof List<?> list) {
            for (Object o : list) scopes.add(String.valueOf(o));
        }
        List<Grant> out = new ArrayList<>();
        for (String s : scopes) {
            if (!s.startsWith("sdata:")) continue; // other services' scopes are not ours to judge
            try {
                out.add(Grant.parse(s.substring("sdata:".length())));
            } catch (IllegalArgumentException ignored) {
                // a malformed sdata scope grants nothing
            }
        }
        return out;
    }

    private static PublicKey readPublicKey(Path file) throws IOException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        String body = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--jwt-key " + file + " is not a PEM public key");
        }
        for (String algorithm : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (Exception ignored) {
                // try the next kind of key
            }
        }
        throw new IllegalArgumentException("--jwt-key " + file + " is not an RSA or EC public key in PEM (BEGIN PUBLIC KEY)");
    }
}
