package io.sdataserver.pipeline;

import io.sdataserver.diagnosis.Diagnosis;
import io.sdataserver.diagnosis.SDataException;
import io.sdataserver.payload.PayloadShape;
import io.sdataserver.service.EtagPolicy;
import io.sdataserver.service.MethodNotAllowedException;
import io.sdataserver.service.PreconditionFailedException;
import io.sdataserver.store.StoreFault;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place where a fault becomes an answer, for every caller (the dispatcher, the JAX-RS mappers, later batch
 * entries and jobs): the status as the operation may give it, the diagnoses, 412 with the current entry, Allow on
 * a 405, Retry-After on a 503, and a 500 that shows its stack trace only in development mode (ERR-5).
 */
public final class Outcomes {
    private static final Logger LOG = Logger.getLogger(Outcomes.class.getName());
    private final boolean dev;

    public Outcomes(boolean dev) { this.dev = dev; }

    /** @param method the operation's method after any override; {@code urls} null when no entry can be written */
    public Outcome fault(Throwable t, String method, Urls urls) {
        if (t instanceof PreconditionFailedException p && urls != null) {
            // the current entry and its ETag, so the client can merge and retry (§9.3, CONC-8)
            return Outcome.of(412, new Outcome.Entry(urls, p.kind(), p.current(), PayloadShape.DEFAULT, true, null))
                    .etag(EtagPolicy.of(p.kind()).emitted(p.current()));
        }
        if (t instanceof StoreFault f) return diagnoses(OperationStatus.answer(method, status(f.reason())), f.diagnoses());
        if (t instanceof SDataException e) {
            Outcome o = diagnoses(OperationStatus.answer(method, e.status()), e.diagnoses());
            if (e instanceof MethodNotAllowedException m) o.header("Allow", String.join(", ", m.allowed()));
            return o;
        }
        LOG.log(Level.SEVERE, "request failed", t);
        return diagnoses(500, List.of(internalError(dev ? t : null)));
    }

    /** The status of a store refusal, before the operation's own rule (a conflict on an update is a 400). */
    private static int status(StoreFault.Reason reason) {
        switch (reason) {
            case CONFLICT: return 409;
            case BUSY: return 503;
            default: return 400;
        }
    }

    /** An answer with diagnoses; a 503 says when to come back. */
    public static Outcome diagnoses(int status, List<Diagnosis> diagnoses) {
        Outcome o = Outcome.of(status, new Outcome.Diagnoses(diagnoses));
        if (status == 503) o.header("Retry-After", "1");
        return o;
    }

    /** The diagnosis of an unexpected failure, with its stack trace when one is given. */
    public static Diagnosis internalError(Throwable trace) {
        Diagnosis d = Diagnosis.application("InternalError", "the server failed to process the request", null);
        if (trace != null) {
            StringWriter sw = new StringWriter();
            trace.printStackTrace(new PrintWriter(sw));
            d.withStackTrace(sw.toString());
        }
        return d;
    }
}
