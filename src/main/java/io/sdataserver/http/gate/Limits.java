package io.sdataserver.http.gate;

import java.time.Duration;

/**
 * What the server grants one client: body size and time, header size, and the share of the workers. See the README's
 * operations section for what a client sees when it hits each.
 *
 * @param maxBodyBytes        largest request body; a larger declared length is 413 before any byte is read
 * @param readTimeout         time a request body may take from the end of its headers
 * @param minReadRate         bytes per second that earn one more second beyond {@code readTimeout}, so that a large
 *                            body on a slow but honest link arrives while a trickle is cut off
 * @param maxHeaderBytes      request line and headers together; beyond it 414 (request line) or 431 (headers)
 * @param workers             threads that run requests (they block on the database), apart from the I/O threads
 * @param queue               requests that may wait for a worker; beyond it 503 with Retry-After at once
 * @param maxConnectionsPerClient open connections from one address, 0 for no cap
 * @param maxBufferedBytes    request bodies held in memory at once, all clients together; beyond it 503 at once
 */
public record Limits(long maxBodyBytes, Duration readTimeout, long minReadRate, int maxHeaderBytes, int workers, int queue,
                     int maxConnectionsPerClient, long maxBufferedBytes) {
    public static final long DEFAULT_MAX_BODY = 10L * 1024 * 1024;
    /** Bodies are buffered in memory before a worker takes the request; this bounds what one request may hold. */
    public static final long MAX_MAX_BODY = 1L << 30;
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    public static final long DEFAULT_MIN_READ_RATE = 4096;
    public static final int DEFAULT_MAX_HEADER_BYTES = 16 * 1024;
    public static final int DEFAULT_WORKERS = 16;
    public static final int DEFAULT_QUEUE = 64;
    /** A quarter of the heap, and never less than one largest body. */
    public static final long DEFAULT_MAX_BUFFERED = Math.max(DEFAULT_MAX_BODY, Runtime.getRuntime().maxMemory() / 4);

    public Limits {
        if (maxBodyBytes < 1 || maxBodyBytes > MAX_MAX_BODY) {
            throw new IllegalArgumentException("--max-body must be between 1 and " + MAX_MAX_BODY + " bytes");
        }
        if (readTimeout.isNegative() || readTimeout.isZero()) throw new IllegalArgumentException("--read-timeout must be positive");
        if (minReadRate < 1) throw new IllegalArgumentException("--min-read-rate must be at least 1 byte per second");
        if (maxHeaderBytes < 1024) throw new IllegalArgumentException("--max-header-bytes must be at least 1024");
        if (workers < 1) throw new IllegalArgumentException("--workers must be at least 1");
        if (queue < 0) throw new IllegalArgumentException("--queue must not be negative");
        if (maxConnectionsPerClient < 0) throw new IllegalArgumentException("--max-connections-per-client must not be negative");
        if (maxBufferedBytes < maxBodyBytes) throw new IllegalArgumentException("--max-buffered must be at least --max-body");
    }

    public static Limits defaults() {
        return new Limits(DEFAULT_MAX_BODY, DEFAULT_READ_TIMEOUT, DEFAULT_MIN_READ_RATE, DEFAULT_MAX_HEADER_BYTES,
                DEFAULT_WORKERS, DEFAULT_QUEUE, 0, DEFAULT_MAX_BUFFERED);
    }

    public Limits withMaxBody(long bytes) {
        return new Limits(bytes, readTimeout, minReadRate, maxHeaderBytes, workers, queue, maxConnectionsPerClient,
                Math.max(bytes, maxBufferedBytes));
    }

    public Limits withReadTimeout(Duration t) {
        return new Limits(maxBodyBytes, t, minReadRate, maxHeaderBytes, workers, queue, maxConnectionsPerClient, maxBufferedBytes);
    }

    public Limits withWorkers(int w, int q) {
        return new Limits(maxBodyBytes, readTimeout, minReadRate, maxHeaderBytes, w, q, maxConnectionsPerClient, maxBufferedBytes);
    }

    public Limits withMaxConnectionsPerClient(int n) {
        return new Limits(maxBodyBytes, readTimeout, minReadRate, maxHeaderBytes, workers, queue, n, maxBufferedBytes);
    }

    public Limits withMaxBuffered(long bytes) {
        return new Limits(maxBodyBytes, readTimeout, minReadRate, maxHeaderBytes, workers, queue, maxConnectionsPerClient, bytes);
    }

    /** When a body that started at {@code startNanos} and has {@code received} bytes so far is out of time. */
    long deadlineNanos(long startNanos, long received) {
        return startNanos + readTimeout.toNanos() + received * 1_000_000_000L / minReadRate;
    }
}
