package io.sdataserver.testsupport;

import io.sdataserver.http.Tls;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * One self-signed key store per test run (made with the JDK's keytool, for localhost and 127.0.0.1), for servers
 * that serve HTTPS, and the client side that trusts exactly that certificate.
 */
public final class TestTls {
    private static final String PASSWORD = "changeit-test";
    private static Path keystore;
    private static Path passwordFile;

    private TestTls() { }

    /** The server's TLS settings (HTTPS only). */
    public static synchronized Tls tls() {
        try {
            if (keystore == null) {
                Path dir = Files.createTempDirectory("test-tls");
                Path ks = dir.resolve("server.p12");
                String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
                Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "sdata", "-keyalg", "RSA", "-keysize", "2048",
                        "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                        "-keystore", ks.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IllegalStateException("keytool failed: " + out);
                Path pw = dir.resolve("password");
                Files.writeString(pw, PASSWORD + "\n"); // the trailing newline an editor leaves: the server trims it
                passwordFile = pw;
                keystore = ks;
            }
            return new Tls(keystore, passwordFile, -1);
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the test key store", e);
        }
    }

    /** A client context trusting the test certificate (and nothing else: tests call no other HTTPS server). */
    public static SSLContext trusting() {
        try {
            Tls tls = tls();
            KeyStore server = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(tls.keystore())) {
                server.load(in, PASSWORD.toCharArray());
            }
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("sdata", server.getCertificate("sdata"));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException("cannot trust the test key store", e);
        }
    }
}
