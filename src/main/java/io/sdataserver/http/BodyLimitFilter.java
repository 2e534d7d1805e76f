package io.sdataserver.http;

import io.sdataserver.atom.PayloadTooLargeException;
import io.sdataserver.diagnosis.Diagnosis;
import io.sdataserver.diagnosis.SDataException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Request bodies over the configured limit are refused with 413, whether or not they declare their length. */
@PreMatching
@Priority(100)
public final class BodyLimitFilter implements ContainerRequestFilter {
    private final long limit;

    public BodyLimitFilter(long limit) { this.limit = limit; }

    @Override
    public void filter(ContainerRequestContext ctx) {
        if (ctx.getLength() > limit) {
            throw new SDataException(413, Diagnosis.application("PayloadTooLarge",
                    "the request body is larger than " + limit + " bytes", null));
        }
        ctx.setEntityStream(new Limited(ctx.getEntityStream(), limit));
    }

    private static final class Limited extends FilterInputStream {
        private final long limit;
        private long read;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count(1);
            return b;
        }

        @Override public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) count(n);
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > limit) throw new PayloadTooLargeException(limit);
        }
    }
}
