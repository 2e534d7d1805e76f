package io.sdataserver.batch;

import io.sdataserver.pipeline.Outcome;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A batch's answers written to the response on a thread of their own, a chunk at a time and in order, while the
 * next chunk runs: writing a chunk's answers was a tenth of a batch's time, during which the database had nothing to
 * do. At most {@link #AHEAD} chunks wait to be written (a slow reader holds the batch back, not the server's memory).
 * Answers that still read as they are written (embedded references, a feed) are written before their unit of work
 * closes: the caller waits for them ({@link #await}).
 */
final class BatchAnswers implements AutoCloseable {
    private static final int AHEAD = 2;
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService WRITERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sdata-batch-answers-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private final Consumer<Outcome.BatchItem> sink;
    /** The chunks handed over and not yet known to be written, oldest first; each completes after the one before. */
    private final Deque<CompletableFuture<Void>> pending = new ArrayDeque<>();
    private CompletableFuture<Void> last = CompletableFuture.completedFuture(null);

    BatchAnswers(Consumer<Outcome.BatchItem> sink) { this.sink = sink; }

    /**
     * Rethrows what writing an earlier chunk met (the client went away, say), so that no further chunk runs for a
     * response that cannot be written.
     */
    void check() {
        if (last.isCompletedExceptionally()) await();
    }

    /** Hands a chunk's answers over, to be written after those before it; closes them once written (or skipped). */
    void write(List<Outcome.BatchItem> items) {
        check();
        while (pending.size() >= AHEAD) join(pending.removeFirst());
        last = last.whenCompleteAsync((ignored, failure) -> {
            int written = 0;
            try {
                if (failure != null) throw failure instanceof CompletionException c ? c : new CompletionException(failure);
                for (Outcome.BatchItem item : items) {
                    written++;
                    try (Outcome o = item.outcome()) {
                        sink.accept(item);
                    }
                }
            } finally {
                for (int i = written; i < items.size(); i++) items.get(i).outcome().close(); // not written: a write failed
            }
        }, WRITERS);
        pending.addLast(last);
    }

    /** Waits until everything handed over is written; rethrows a write's failure. */
    void await() {
        pending.clear();
        join(last);
    }

    private static void join(CompletableFuture<Void> f) {
        try {
            f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error r) throw r;
            throw e;
        }
    }

    /** Never leaves a write running on the response after the batch returned (a failure then is the caller's). */
    @Override
    public void close() {
        try {
            last.handle((ignored, failure) -> null).join();
        } finally {
            pending.clear();
        }
    }
}
