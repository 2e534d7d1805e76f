package io.sdataserver.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.glassfish.grizzly.ssl.SSLContextConfigurator;
import org.glassfish.grizzly.ssl.SSLEngineConfigurator;

/**
 * HTTPS (§5): {@code --tls-keystore FILE} (PKCS#12) opened with the password in {@code --tls-password-file}. With
 * TLS on, plain HTTP is off unless {@code --http-port} names a port for it as well (-1: none).
 */
public record Tls(Path keystore, Path passwordFile, int httpPort) {
    public static final Tls NONE = new Tls(null, null, -1);

    public boolean enabled() { return keystore != null; }

    /** The server side of the TLS handshake, refusing protocols older than TLS 1.2. */
    public SSLEngineConfigurator engine() {
        String password;
        try {
            password = passwordFile == null ? "" : Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("--tls-password-file " + passwordFile + " cannot be read: " + e.getMessage());
        }
        if (!Files.isReadable(keystore)) throw new IllegalArgumentException("--tls-keystore " + keystore + " cannot be read");
        SSLContextConfigurator ssl = new SSLContextConfigurator();
        ssl.setKeyStoreFile(keystore.toString());
        ssl.setKeyStorePass(password);
        ssl.setKeyStoreType("PKCS12");
        if (!ssl.validateConfiguration(true)) {
            throw new IllegalArgumentException("--tls-keystore " + keystore + " is not a PKCS#12 key store this password opens");
        }
        SSLEngineConfigurator engine = new SSLEngineConfigurator(ssl.createSSLContext(true), false, false, false);
        engine.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        return engine;
    }
}
