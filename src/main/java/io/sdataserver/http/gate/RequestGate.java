package io.sdataserver.http.gate;

import io.sdataserver.pipeline.Outcomes;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * The first step of every request, on Grizzly's I/O thread: checks the framing, reads the body without holding a
 * thread (bounded in size and time), then hands the request to a worker, or refuses it with 503 when the workers and
 * their queue are full. No client can hold a worker by sending slowly: a worker only ever sees a complete request.
 */
public final class RequestGate extends HttpHandler implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RequestGate.class.getName());

    private final HttpHandler next;
    private final Limits limits;
    private final Admission admission;
    private final ScheduledExecutorService timer;
    private final BufferBudget buffered;

    public RequestGate(HttpHandler next, Limits limits) {
        this.next = next;
        this.limits = limits;
        this.admission = new Admission(limits);
        this.buffered = new BufferBudget(limits.maxBufferedBytes());
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sdata-body-deadlines");
            t.setDaemon(true);
            return t;
        });
    }

    @Override public void start() { next.start(); }

    @Override public void destroy() { next.destroy(); }

    @Override
    public void service(Request request, Response response) throws Exception {
        GateAnswer refusal = framing(request);
        if (refusal != null) {
            refusal.write(response, timer);
            return;
        }
        // room for the whole body is taken before a byte of it is read, and given back when the exchange ends
        long room = request.getContentLengthLong() >= 0 ? request.getContentLengthLong()
                : request.getRequest().isChunked() ? limits.maxBodyBytes() : 0;
        if (!buffered.take(room)) {
            GateAnswer.bodiesBufferedFull(limits).write(response, timer);
            return;
        }
        Exchange exchange = new Exchange(request, response, timer, () -> buffered.give(room));
        new BodyReader(request.getNIOInputStream(), limits, timer, () -> dispatch(exchange), exchange::answer).start();
    }

    /**
     * What can be refused from the headers alone, before a byte of the body is read. The codec has refused the
     * malformed framings already (both length headers, a length that is not a number).
     */
    private GateAnswer framing(Request request) {
        long declared = request.getContentLengthLong();
        return declared > limits.maxBodyBytes() ? GateAnswer.bodyTooLarge(limits.maxBodyBytes()) : null;
    }

    private void dispatch(Exchange exchange) {
        if (!admission.admit(() -> run(exchange))) exchange.answer(GateAnswer.busy(limits));
    }

    private void run(Exchange exchange) {
        try {
            next.service(exchange.request, exchange.response);
        } catch (Throwable t) {
            LOG.log(Level.SEVERE, "request failed", t);
            exchange.answer(new GateAnswer(500, Outcomes.internalError(null), GateAnswer.Ending.CLOSE, null));
            return;
        }
        exchange.endIfOpen();
    }

    /** How loaded the workers are: what an operator (and a test) can watch. */
    public record Load(int running, int waiting, long bufferedBytes) { }

    public Load load() { return new Load(admission.running(), admission.waiting(), buffered.taken()); }

    @Override
    public void close() {
        timer.shutdownNow();
        admission.close();
    }
}
