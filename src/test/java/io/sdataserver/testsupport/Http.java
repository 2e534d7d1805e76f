package io.sdataserver.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A small HTTP client over java.net.http for tests: real requests, raw bodies. */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    /** For servers started with {@link TestTls}: made on first use, as it trusts the test certificate alone. */
    private static volatile HttpClient tlsClient;

    private static HttpClient client(String url) {
        if (!url.startsWith("https:")) return CLIENT;
        if (tlsClient == null) {
            synchronized (Http.class) {
                if (tlsClient == null) {
                    tlsClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                            .followRedirects(HttpClient.Redirect.NEVER).sslContext(TestTls.trusting()).build();
                }
            }
        }
        return tlsClient;
    }

    /** A response: status, headers and body text, with a parsed-XML view. */
    public record Reply(int status, HttpResponse<String> raw) {
        public String body() { return raw.body(); }
        public String header(String name) { return raw.headers().firstValue(name).orElse(null); }
        public Xml xml() { return Xml.parse(body()); }
        /** The ETag header without quotes. */
        public String etag() {
            String e = header("ETag");
            return e == null ? null : e.replaceAll("^W/", "").replaceAll("^\"|\"$", "");
        }
        @Override public String toString() { return status + " " + body(); }
    }

    private Http() { }

    public static Reply get(String url, String... headers) { return send("GET", url, null, headers); }
    public static Reply post(String url, String body, String... headers) { return send("POST", url, body, headers); }
    public static Reply put(String url, String body, String... headers) { return send("PUT", url, body, headers); }
    public static Reply delete(String url, String... headers) { return send("DELETE", url, null, headers); }

    /** headers are name, value pairs. */
    public static Reply send(String method, String url, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        boolean typed = false;
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
            if (headers[i].equalsIgnoreCase("Content-Type")) typed = true;
        }
        if (body != null && !typed) b.header("Content-Type", "application/atom+xml; type=entry");
        try {
            HttpResponse<String> r = client(url).send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(r.statusCode(), r);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
