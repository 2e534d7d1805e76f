package io.sdataserver;

import io.sdataserver.atom.AtomReader;
import io.sdataserver.http.Formats;
import io.sdataserver.json.JsonReader;
import io.sdataserver.json.JsonRepresentation;
import io.sdataserver.http.AtomContentTypeFilter;
import io.sdataserver.http.ContainerGuard;
import io.sdataserver.http.MediaTypeHeadersFilter;
import io.sdataserver.http.AccessLogFilter;
import io.sdataserver.http.Metrics;
import io.sdataserver.http.MetricsResource;
import io.sdataserver.http.AuthFilter;
import io.sdataserver.http.HealthResource;
import io.sdataserver.http.PublicAddressFilter;
import io.sdataserver.http.CorsFilter;
import io.sdataserver.http.HeaderOverrideFilter;
import io.sdataserver.http.MethodOverrideFilter;
import io.sdataserver.http.SDataRootResource;
import io.sdataserver.http.Services;
import io.sdataserver.http.FaultMapper;
import io.sdataserver.http.gate.GateAddOn;
import io.sdataserver.http.gate.RequestGate;
import io.sdataserver.http.WebApplicationExceptionMapper;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpHandlerRegistration;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.ServerConfiguration;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/** The assembled server: the {@link Assembly} below HTTP, and the HTTP listener in front of it. */
public final class SDataServer implements AutoCloseable {
    // Quiet third-party start-up chatter: Flyway's H2 version notice, Axiom's StAX dialect probe, Jersey's note
    // that the root resource instance is not a provider (it is registered as a resource, which is what we want).
    private static final java.util.logging.Logger JERSEY_PROVIDERS =
            java.util.logging.Logger.getLogger("org.glassfish.jersey.internal.inject.Providers");
    static {
        quiet("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        quiet("org.slf4j.simpleLogger.log.org.flywaydb", "error");
        quiet("org.slf4j.simpleLogger.log.org.apache.axiom", "error");
        JERSEY_PROVIDERS.setLevel(java.util.logging.Level.SEVERE);
    }

    private static void quiet(String property, String level) {
        if (System.getProperty(property) == null) System.setProperty(property, level);
    }

    private final HttpServer http;
    private final RequestGate gate;
    private final Assembly assembly;
    private final java.util.concurrent.CompletableFuture<Void> shutdownBegun = new java.util.concurrent.CompletableFuture<>();
    private final String host;

    private final boolean secure;
    private final Metrics metrics;

    private SDataServer(HttpServer http, RequestGate gate, Assembly assembly, String host, boolean secure, Metrics metrics) {
        this.secure = secure;
        this.metrics = metrics;
        this.http = http;
        this.gate = gate;
        this.assembly = assembly;
        this.host = host;
    }

    /** Loads the contracts, migrates the database and starts listening; throws with a readable cause otherwise. */
    public static SDataServer start(ServerConfig config, String bindHost) throws IOException {
        io.sdataserver.http.AccessLog.install();
        Assembly assembly = Assembly.of(config);
        try {
            Metrics metrics = new Metrics(assembly.database());
            Services services = new Services(config, assembly.contracts(), assembly.datasets(),
                    assembly.dispatcher(), new Formats(assembly.representation(), new JsonRepresentation(), new AtomReader(), new JsonReader()));
            ResourceConfig rc = new ResourceConfig()
                    .register(new SDataRootResource(services))
                    .register(new HealthResource(assembly.database()::isUp))
                    .register(MediaTypeHeadersFilter.class)
                    .register(new AccessLogFilter(metrics))
                    .register(new MetricsResource(metrics))
                    .register(new PublicAddressFilter(config.publicAddress()))
                    .register(new CorsFilter(services))
                    .register(new AuthFilter(services))
                    .register(HeaderOverrideFilter.class)
                    .register(MethodOverrideFilter.class)
                    .register(AtomContentTypeFilter.class)
                    .register(new WebApplicationExceptionMapper(services))
                    .register(new FaultMapper(services))
                    .property(ServerProperties.WADL_FEATURE_DISABLE, true)
                    .property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
            HttpServer http;
            if (config.tls().enabled()) {
                URI uri = URI.create("https://" + bindHost + ":" + config.port() + "/");
                http = GrizzlyHttpServerFactory.createHttpServer(uri, rc, true, config.tls().engine(), false);
                if (config.tls().httpPort() >= 0) {
                    http.addListener(new org.glassfish.grizzly.http.server.NetworkListener("plain", bindHost, config.tls().httpPort()));
                }
            } else {
                http = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://" + bindHost + ":" + config.port() + "/"), rc, false);
            }
            for (org.glassfish.grizzly.http.server.NetworkListener l : http.getListeners()) new GateAddOn(config.limits()).configure(l);
            RequestGate gate = guard(http, config);
            try {
                http.start();
            } catch (IOException | RuntimeException e) {
                gate.close();
                throw e;
            }
            return new SDataServer(http, gate, assembly, bindHost, config.tls().enabled(), metrics);
        } catch (IOException | RuntimeException e) {
            assembly.close();
            throw e;
        }
    }

    /**
     * Puts the {@link RequestGate} and the {@link ContainerGuard} in front of the Jersey container, under the same
     * mapping: gate (framing, body, admission), then guard (answers Jersey cannot give), then Jersey.
     */
    private static RequestGate guard(HttpServer http, ServerConfig config) {
        ServerConfiguration sc = http.getServerConfiguration();
        sc.setDefaultErrorPageGenerator(ContainerGuard.errorPages());
        Map<HttpHandler, HttpHandlerRegistration[]> handlers = new java.util.LinkedHashMap<>(sc.getHttpHandlersWithMapping());
        if (handlers.size() != 1) throw new IllegalStateException("expected the Jersey container alone, found " + handlers.keySet());
        Map.Entry<HttpHandler, HttpHandlerRegistration[]> jersey = handlers.entrySet().iterator().next();
        RequestGate gate = new RequestGate(new ContainerGuard(jersey.getKey()), config.limits());
        sc.removeHttpHandler(jersey.getKey());
        sc.addHttpHandler(gate, jersey.getValue());
        return gate;
    }

    /** Requests on the workers and waiting for one, now. */
    public RequestGate.Load load() { return gate.load(); }

    /** The port of the first listener: HTTPS with TLS on, else HTTP. */
    public int port() { return listener(secure).getPort(); }

    /** The plain HTTP port beside HTTPS (--http-port), or -1. */
    public int httpPort() { return secure ? (hasPlain() ? listener(false).getPort() : -1) : port(); }

    private boolean hasPlain() {
        for (org.glassfish.grizzly.http.server.NetworkListener l : http.getListeners()) if (!l.isSecure()) return true;
        return false;
    }

    private org.glassfish.grizzly.http.server.NetworkListener listener(boolean tls) {
        for (org.glassfish.grizzly.http.server.NetworkListener l : http.getListeners()) if (l.isSecure() == tls) return l;
        return http.getListeners().iterator().next();
    }

    /** The base URL a client on this machine uses, e.g. http://localhost:8080/sdata. */
    public String baseUrl() {
        String h = host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
        return (secure ? "https://" : "http://") + h + ":" + port() + "/sdata";
    }

    /** Completes once a shutdown has begun: new requests get 503 from then on, those in flight may finish. */
    public java.util.concurrent.CompletableFuture<Void> shutdownBegun() { return shutdownBegun; }

    /** Stops accepting connections, lets requests in flight finish (up to the grace period), then closes the pool. */
    @Override
    public void close() {
        try {
            var done = http.shutdown(30, TimeUnit.SECONDS);
            shutdownBegun.complete(null);
            done.get(35, TimeUnit.SECONDS);
        } catch (Exception e) {
            http.shutdownNow();
        } finally {
            gate.close();
            assembly.close();
            metrics.close();
        }
    }
}
