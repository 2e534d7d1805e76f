package io.sdataserver.atom;

import java.io.IOException;

/** Thrown by a size-limited request stream when the body exceeds the configured limit (answered 413). */
public class PayloadTooLargeException extends IOException {
    private final long limit;

    public PayloadTooLargeException(long limit) {
        super("the request body is larger than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() { return limit; }
}
