package io.sdataserver.batch;

import io.sdataserver.atom.Link;
import io.sdataserver.diagnosis.Diagnosis;
import io.sdataserver.diagnosis.SDataCode;
import io.sdataserver.diagnosis.SDataException;
import io.sdataserver.diagnosis.Severity;
import io.sdataserver.pipeline.Outcome;
import io.sdataserver.pipeline.Outcomes;
import io.sdataserver.pipeline.Representation;
import io.sdataserver.pipeline.SDataRequest;
import io.sdataserver.pipeline.Target;
import io.sdataserver.store.BatchJobs;
import io.sdataserver.tracking.Tracking;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Asynchronous batches (§13.5): {@code $batch?trackingID=...} answers 202 at once and runs the batch in the
 * background; the same URL answers 202 with honest tracking while it runs, then the batch's 200 feed until the
 * consumer DELETEs it. Jobs live in the database (a trackingID never starts two, any process answers a poll), and
 * the entries that ran are counted in the transactions that applied them: a job cut short by a crash says which.
 */
public final class AsyncBatches implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(AsyncBatches.class.getName());
    /** A running job whose process has not said it is alive for this long was cut short. */
    private static final Duration SILENCE = Duration.ofSeconds(10);
    private static final long POLLING_MILLIS = 500;

    private final BatchRunner runner;
    private final BatchJobs jobs;
    private final ExecutorService workers;
    private final ScheduledExecutorService heartbeats;
    private final Map<String, String> running = new ConcurrentHashMap<>(); // this process's jobs: key -> dataset

    public AsyncBatches(BatchRunner runner, BatchJobs jobs) {
        this.runner = runner;
        this.jobs = jobs;
        this.workers = Executors.newFixedThreadPool(2, daemon("sdata-batch-job"));
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(daemon("sdata-batch-heartbeat"));
        heartbeats.scheduleWithFixedDelay(this::beat, 2, 2, TimeUnit.SECONDS);
    }

    /** The trackingID of a request in any letter case (§2.11), as a UUID; null when it has none. */
    public static String trackingId(SDataRequest r) {
        String id = r.query().first("trackingID"); // names match in any letter case
        return id == null ? null : io.sdataserver.service.ResourceService.trackingId(id);
    }

    /** POST: checks the batch whole, records the job (once per trackingID) and starts it; 202 with its tracking. */
    public Outcome submit(SDataRequest r, Target.Batch batch, String id, String title, List<Link> links) {
        List<BatchEntries.Prepared> entries = runner.prepare(r, batch);
        String ds = batch.dataset().name();
        List<String> methods = new ArrayList<>();
        for (BatchEntries.Prepared e : entries) methods.add(e.method());
        Instant now = Instant.now();
        if (jobs.start(ds, id, methods, now)) {
            running.put(key(ds, id), ds);
            boolean atomic = BatchRunner.atomic(r);
            String feedId = r.url().text();
            Representation answer = r.answer();
            workers.execute(() -> run(ds, id, answer, new Outcome.BatchFeed(feedId, title, links, runner.items(entries, atomic,
                    (uow, statuses) -> jobs.progress(uow, ds, id, statuses, Instant.now())))));
        }
        return tracking(r, jobs.read(ds, id));
    }

    /** GET on the tracking URL: 202 while running, then the batch's answer (or, cut short, what is known of it). */
    public Outcome poll(SDataRequest r, Target.Batch batch, String id) {
        BatchJobs.Job job = jobs.read(batch.dataset().name(), id);
        if (job == null) throw SDataException.resourceNotFound("no batch job '" + id + "' is tracked in dataset " + batch.dataset().name());
        if (job.finished()) {
            return Outcome.of(200, new Outcome.Bytes(job.resultType(), job.result().getBytes(StandardCharsets.UTF_8)));
        }
        if (Duration.between(job.heartbeat(), Instant.now()).compareTo(SILENCE) > 0) return interrupted(r, job);
        return tracking(r, job);
    }

    /** DELETE on the tracking URL: the consumer is done with the job (its entries stay applied). */
    public Outcome discard(Target.Batch batch, String id) {
        if (!jobs.discard(batch.dataset().name(), id)) {
            throw SDataException.resourceNotFound("no batch job '" + id + "' is tracked in dataset " + batch.dataset().name());
        }
        return Outcome.empty(200);
    }

    /** Runs the job and keeps its answer, written in the representation its submitter asked for. */
    private void run(String ds, String id, Representation answer, Outcome.BatchFeed feed) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            answer.write(feed, out);
            jobs.finish(ds, id, out.toString(StandardCharsets.UTF_8), answer.mediaType(feed), Instant.now());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.SEVERE, "batch job " + id + " failed", e);
        } finally {
            running.remove(key(ds, id));
        }
    }

    /** 202 with sdata:tracking: how far the job is, and when to ask again (TRK-1, TRK-2). */
    private static Outcome tracking(SDataRequest r, BatchJobs.Job job) {
        long elapsed = Math.max(0, Duration.between(job.created(), Instant.now()).getSeconds());
        int total = Math.max(1, job.total());
        BigDecimal progress = BigDecimal.valueOf(100L * job.done()).divide(BigDecimal.valueOf(total), 1, RoundingMode.DOWN);
        long remaining = job.done() == 0 ? Math.max(1, total / 500) : elapsed * (job.total() - job.done()) / job.done();
        String phase = job.finished() ? "Completed" : job.done() == 0 ? "Initialization" : "Running";
        Tracking t = new Tracking(phase, job.done() + " of " + job.total() + " entries done", progress, elapsed,
                job.finished() ? 0 : remaining, POLLING_MILLIS);
        return Outcome.of(202, new Outcome.TrackingDocument(t)).header("Location", r.url().text());
    }

    /**
     * A job whose process stopped (a crash, a kill): 200 with one answer per entry, the status each entry that ran
     * was given (its full answer was lost with the process) and 503 for those that never ran.
     */
    private Outcome interrupted(SDataRequest r, BatchJobs.Job job) {
        List<Outcome.BatchItem> items = new ArrayList<>();
        for (int i = 0; i < job.methods().size(); i++) {
            Outcome o;
            if (i < job.statuses().size()) {
                int status = job.statuses().get(i);
                o = status < 400 ? Outcome.empty(status) : Outcomes.diagnoses(status, List.of(Diagnosis.application("Interrupted",
                        "this entry ran and was answered " + status + "; the server stopped before its full answer was kept", null)));
            } else {
                o = Outcomes.diagnoses(503, List.of(new Diagnosis(Severity.transient_, SDataCode.ApplicationDiagnosis, "NotProcessed",
                        "not processed: the server stopped while the batch ran; send this entry again", null)));
            }
            items.add(new Outcome.BatchItem(job.methods().get(i), r.url().text(), o));
        }
        return Outcome.of(200, new Outcome.BatchFeed(r.url().text(), "Batch (interrupted)", List.of(), sink -> items.forEach(sink)));
    }

    private void beat() {
        for (Map.Entry<String, String> j : running.entrySet()) {
            try {
                jobs.heartbeat(j.getValue(), j.getKey().substring(j.getValue().length() + 1), Instant.now());
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "heartbeat failed", e);
            }
        }
    }

    private static String key(String ds, String id) { return ds + "\u0000" + id; }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        heartbeats.shutdownNow();
        workers.shutdown();
        try {
            workers.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
