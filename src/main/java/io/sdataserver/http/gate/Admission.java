package io.sdataserver.http.gate;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The workers that run requests (they block on JDBC), apart from Grizzly's I/O threads, and the bounded queue in front
 * of them. A request that finds both full is refused at once: a client is better served by a 503 it can retry than
 * by a connection that hangs.
 */
final class Admission implements AutoCloseable {
    private final ThreadPoolExecutor workers;

    Admission(Limits limits) {
        AtomicInteger n = new AtomicInteger();
        BlockingQueue<Runnable> queue = limits.queue() == 0 ? new LinkedTransferQueue<>() {
            // a queue of zero: hand over only to an idle worker
            @Override public boolean offer(Runnable r) { return tryTransfer(r); }
        } : new ArrayBlockingQueue<>(limits.queue());
        workers = new ThreadPoolExecutor(limits.workers(), limits.workers(), 60, TimeUnit.SECONDS, queue, r -> {
            Thread t = new Thread(r, "sdata-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
        workers.prestartAllCoreThreads();
    }

    /** Runs the request on a worker, or answers false when none is free and the queue is full. */
    boolean admit(Runnable request) {
        try {
            workers.execute(request);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Requests running on a worker now. */
    int running() { return workers.getActiveCount(); }

    /** Requests waiting for a worker now. */
    int waiting() { return workers.getQueue().size(); }

    /** Called after the listener has drained: whatever still runs was abandoned by its connection. */
    @Override
    public void close() {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) workers.shutdownNow();
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
