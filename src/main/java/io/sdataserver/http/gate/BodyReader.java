package io.sdataserver.http.gate;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.glassfish.grizzly.ReadHandler;
import org.glassfish.grizzly.http.io.NIOInputStream;

/**
 * Reads one request body without a thread: the bytes stay in the request's input buffer as Grizzly receives them,
 * and the request goes to a worker only once the whole body is there. A body over the size limit, or one still
 * incomplete at its deadline, ends the read with an answer instead.
 *
 * <p>One registration covers the whole body: Grizzly calls back when more than the limit is buffered, or when the
 * body is complete, and never in between. (Registering again from a data callback would leave a handler, and
 * reading, switched on past the last chunk, so that the connection's next request would be taken for body bytes.)
 * Grizzly's callbacks and the deadline timer race; one lock and a flag make sure exactly one of them ends the read.
 */
final class BodyReader implements ReadHandler {
    private final NIOInputStream in;
    private final Limits limits;
    private final ScheduledExecutorService timer;
    private final Runnable complete;
    private final Consumer<GateAnswer> refuse;
    private final long start = System.nanoTime();
    private boolean done; // guarded by this
    private ScheduledFuture<?> deadline; // guarded by this

    BodyReader(NIOInputStream in, Limits limits, ScheduledExecutorService timer, Runnable complete, Consumer<GateAnswer> refuse) {
        this.in = in;
        this.limits = limits;
        this.timer = timer;
        this.complete = complete;
        this.refuse = refuse;
    }

    /** Starts reading; the body of a request without one is complete at once. */
    synchronized void start() {
        deadline = timer.schedule(this::checkDeadline, limits.readTimeout().toNanos(), TimeUnit.NANOSECONDS);
        in.notifyAvailable(this, (int) limits.maxBodyBytes() + 1);
    }

    /** Only ever called with more than the limit buffered. */
    @Override
    public synchronized void onDataAvailable() {
        if (done) return;
        end(GateAnswer.bodyTooLarge(limits.maxBodyBytes()));
    }

    @Override
    public synchronized void onAllDataRead() {
        if (done) return;
        end(in.readyData() > limits.maxBodyBytes() ? GateAnswer.bodyTooLarge(limits.maxBodyBytes()) : null);
    }

    @Override
    public synchronized void onError(Throwable t) {
        if (done) return;
        end(GateAnswer.brokenBody(t));
    }

    private synchronized void checkDeadline() {
        if (done) return;
        long received = in.readyData(); // Grizzly appends meanwhile; a slightly stale count only shifts the deadline
        long due = limits.deadlineNanos(start, received);
        long now = System.nanoTime();
        if (now - due >= 0) {
            end(GateAnswer.bodyTooSlow(limits, received));
        } else {
            // the bytes received so far have earned more time
            deadline = timer.schedule(this::checkDeadline, due - now, TimeUnit.NANOSECONDS);
        }
    }

    private void end(GateAnswer refusal) {
        done = true;
        if (deadline != null) deadline.cancel(false);
        if (refusal == null) complete.run();
        else refuse.accept(refusal);
    }
}
