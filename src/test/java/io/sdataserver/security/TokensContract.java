package io.sdataserver.security;

import static io.sdataserver.testsupport.Entries.entry;
import static io.sdataserver.testsupport.Entries.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.sdataserver.testsupport.Backend;
import io.sdataserver.testsupport.Http;
import io.sdataserver.testsupport.Http.Reply;
import io.sdataserver.testsupport.Refusals;
import io.sdataserver.testsupport.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * OAuth2 bearer tokens: RS256 against {@code --jwt-key} with an issuer and an audience (beside a users file), and
 * HS256 against {@code --jwt-secret-file}. Good, wrong, expired, not-yet-valid, wrong-audience, wrong-issuer and
 * malformed tokens; grants from the scope claim.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TokensContract {
    static final String ISSUER = "https://login.example.com";
    static final String AUDIENCE = "sdata-api";
    static final String SECRET = "a shared secret of more than thirty-two bytes!";

    abstract Backend backend();

    /** Over HTTPS (checklist section 16 holds over both). */
    boolean https() { return false; }

    private io.sdataserver.ServerConfig secured(io.sdataserver.ServerConfig cfg) {
        return https() ? cfg.withTls(io.sdataserver.testsupport.TestTls.tls()) : cfg;
    }

    private TestServer rsa;
    private TestServer hmac;
    private KeyPair keys;
    private KeyPair otherKeys;

    @BeforeAll
    void start() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        keys = g.generateKeyPair();
        otherKeys = g.generateKeyPair();
        Path pem = Files.createTempFile("jwt", ".pem");
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        Path users = Files.createTempFile("users", ".txt");
        Files.writeString(users, "bob:" + UsersFile.hash("pw".toCharArray()) + ":read\n");
        rsa = TestServer.start(secured(TestServer.configFor(backend()).withSecurity(new Security(users, pem, null, ISSUER, AUDIENCE))));
        Path secret = Files.createTempFile("secret", ".txt");
        Files.writeString(secret, SECRET);
        hmac = TestServer.start(secured(TestServer.configFor(backend()).withSecurity(new Security(null, null, secret, null, null))));
    }

    @AfterAll
    void stop() {
        rsa.close();
        hmac.close();
    }

    private static JWTClaimsSet.Builder claims(String scope) {
        long now = System.currentTimeMillis();
        return new JWTClaimsSet.Builder().subject("svc-sync").issuer(ISSUER).audience(AUDIENCE).claim("scope", scope)
                .issueTime(new Date(now)).expirationTime(new Date(now + 600_000));
    }

    private static String sign(JWTClaimsSet claims, JWSSigner signer, JWSAlgorithm alg) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(alg), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private String rs256(JWTClaimsSet claims) throws Exception { return sign(claims, new RSASSASigner(keys.getPrivate()), JWSAlgorithm.RS256); }

    private static String[] bearer(String token, String... more) {
        String[] all = java.util.Arrays.copyOf(more, more.length + 2);
        all[more.length] = "Authorization";
        all[more.length + 1] = "Bearer " + token;
        return all;
    }

    @Test
    void aGoodTokenGrantsWhatItsScopeSays() throws Exception {
        String read = rs256(claims("openid sdata:read@myContract").build());
        assertEquals(200, Http.get(rsa.base() + "/contacts?count=1", bearer(read)).status());
        Reply c = Http.post(rsa.base() + "/contacts", entry(resource("contact", "", "<lastName>Tok</lastName>")), bearer(read));
        Refusals.refused(c, 403, "ApplicationDiagnosis", "Forbidden");
        String write = rs256(claims("sdata:write@myContract/-").build());
        assertEquals(201, Http.post(rsa.base() + "/contacts", entry(resource("contact", "", "<lastName>Tok</lastName>")), bearer(write)).status());
        // Basic still works beside tokens, and a challenge names both
        assertEquals(200, Http.get(rsa.base() + "/contacts?count=1", "Authorization",
                "Basic " + Base64.getEncoder().encodeToString("bob:pw".getBytes(StandardCharsets.UTF_8))).status());
        List<String> challenges = Http.get(rsa.base() + "/contacts").raw().headers().allValues("WWW-Authenticate");
        assertTrue(challenges.contains("Basic realm=\"sdata\"") && challenges.contains("Bearer realm=\"sdata\""), challenges::toString);
    }

    @Test
    void wrongExpiredEarlyMisaddressedAndMalformedTokensAre401() throws Exception {
        long now = System.currentTimeMillis();
        String scope = "sdata:read";
        List<String> bad = List.of(
                sign(claims(scope).build(), new RSASSASigner(otherKeys.getPrivate()), JWSAlgorithm.RS256),
                rs256(claims(scope).expirationTime(new Date(now - 3_600_000)).build()),
                rs256(claims(scope).notBeforeTime(new Date(now + 3_600_000)).build()),
                rs256(claims(scope).audience("someone-else").build()),
                rs256(claims(scope).issuer("https://evil.example.com").build()),
                rs256(new JWTClaimsSet.Builder(claims(scope).build()).expirationTime(null).build()),
                sign(claims(scope).build(), new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)), JWSAlgorithm.HS256),
                "not.a.token", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.");
        for (String token : bad) {
            Reply r = Http.get(rsa.base() + "/contacts?count=1", bearer(token));
            Refusals.refused(r, 401, "ApplicationDiagnosis", "BadCredentials");
        }
        Reply expired = Http.get(rsa.base() + "/contacts?count=1", bearer(bad.get(1)));
        assertTrue(expired.xml().text("/sdata:diagnoses/sdata:diagnosis/sdata:message").contains("expired"), expired::toString);
    }

    @Test
    void anHs256TokenVerifiesAgainstTheSharedSecret() throws Exception {
        String token = sign(claims("sdata:read").build(), new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)), JWSAlgorithm.HS256);
        assertEquals(200, Http.get(hmac.base() + "/contacts?count=1", bearer(token)).status());
        String forged = sign(claims("sdata:admin").build(), new MACSigner("another secret of more than thirty-two bytes!!"
                .getBytes(StandardCharsets.UTF_8)), JWSAlgorithm.HS256);
        Refusals.refused(Http.get(hmac.base() + "/contacts?count=1", bearer(forged)), 401, "ApplicationDiagnosis", "BadCredentials");
        Refusals.refused(Http.get(hmac.base() + "/contacts?count=1", "Authorization", "Basic Ym9iOnB3"), 401, "ApplicationDiagnosis",
                "BadCredentials");
    }
}
