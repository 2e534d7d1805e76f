package io.sdataserver.http;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sdataserver.store.Database;
import java.util.concurrent.TimeUnit;

/**
 * What operators watch, in Prometheus text at {@code GET /metrics} (Micrometer): requests by method, operation
 * (the kind of target: collection, resource, batch, ...) and status, with latency histograms; the database
 * connection pool; the JVM (memory, collections, threads, processors, uptime).
 */
public final class Metrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public Metrics(Database db) {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        Gauge.builder("sdata.db.connections.active", db, d -> d.activeConnections())
                .description("database connections in use").register(registry);
        Gauge.builder("sdata.db.connections.idle", db, d -> d.idleConnections())
                .description("database connections idle in the pool").register(registry);
        Gauge.builder("sdata.db.connections.pending", db, d -> d.waitingForConnection())
                .description("requests waiting for a database connection").register(registry);
        FunctionCounter.builder("sdata.batch.entries.together", db, d -> d.operationsRunTogether())
                .description("batch entries whose statements shared round trips with other entries (PostgreSQL)").register(registry);
        FunctionCounter.builder("sdata.batch.waves.given.up", db, d -> d.wavesGivenUp())
                .description("chunks of batch entries that could not share round trips and ran one entry after another").register(registry);
        FunctionCounter.builder("sdata.batch.statements.merged", db, d -> d.statementsMerged())
                .description("statements saved by running the same statement of several batch entries as one (PostgreSQL)").register(registry);
    }

    /** One request answered. */
    void request(String method, String operation, int status, long nanos) {
        Timer.builder("sdata.requests").description("requests answered, by method, operation and status")
                .tags("method", method, "operation", operation, "status", Integer.toString(status))
                .publishPercentileHistogram().register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    String scrape() { return registry.scrape(); }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
