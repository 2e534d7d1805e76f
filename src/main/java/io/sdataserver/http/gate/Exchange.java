package io.sdataserver.http.gate;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.grizzly.CompletionHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * One suspended request and its response, from the gate to the end of its answer. Grizzly pools its request and
 * response objects: once a response is resumed (by Jersey committing, or by the gate answering) or cancelled (the
 * client went away), the same objects may already serve another request. So nothing touches them after that, and
 * only this object's own flag, not the response's state, tells whether that moment has passed.
 */
final class Exchange implements CompletionHandler<Response> {
    private static final Logger LOG = Logger.getLogger(Exchange.class.getName());

    final Request request;
    final Response response;
    private final java.util.concurrent.ScheduledExecutorService timer;
    private final Runnable onEnd;
    // set inside Grizzly's resume or cancel; read before any later access to the response
    private volatile boolean over;

    /** {@code onEnd} runs once, when the exchange ends whichever way (it gives back the body's buffer budget). */
    Exchange(Request request, Response response, java.util.concurrent.ScheduledExecutorService timer, Runnable onEnd) {
        this.request = request;
        this.response = response;
        this.timer = timer;
        this.onEnd = onEnd;
        response.suspend(-1, java.util.concurrent.TimeUnit.MILLISECONDS, this);
    }

    /** Answers with the gate's own answer and ends the exchange, unless it has ended already. */
    synchronized void answer(GateAnswer answer) {
        if (over) return;
        try {
            if (!response.isCommitted()) answer.write(response, timer);
        } catch (java.io.IOException | RuntimeException e) {
            LOG.log(Level.FINE, "could not answer " + answer.status(), e);
        } finally {
            resume();
        }
    }

    /** Ends the exchange if whatever answered did not (Jersey resumes the response itself when it commits). */
    synchronized void endIfOpen() {
        if (!over) resume();
    }

    private void resume() {
        try {
            response.resume();
        } catch (IllegalStateException e) {
            LOG.log(Level.FINE, "the exchange ended meanwhile", e);
        }
    }

    @Override public void completed(Response result) { end(); }
    @Override public void cancelled() { end(); }
    @Override public void failed(Throwable throwable) { end(); }

    private void end() {
        if (over) return;
        over = true;
        onEnd.run();
    }
    @Override public void updated(Response result) { }
}
