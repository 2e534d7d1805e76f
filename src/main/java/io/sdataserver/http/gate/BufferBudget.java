package io.sdataserver.http.gate;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How many bytes of request bodies the server holds in memory at once, all clients together. Bodies are buffered
 * before a worker sees them; without this bound, enough connections each sending a large body would exhaust the heap.
 */
final class BufferBudget {
    private final long total;
    private final AtomicLong free;

    BufferBudget(long bytes) {
        this.total = bytes;
        this.free = new AtomicLong(bytes);
    }

    /** Bytes taken now. */
    long taken() { return total - free.get(); }

    /** Takes room for a body, or answers false when there is not enough left. */
    boolean take(long bytes) {
        if (bytes <= 0) return true;
        while (true) {
            long now = free.get();
            if (now < bytes) return false;
            if (free.compareAndSet(now, now - bytes)) return true;
        }
    }

    void give(long bytes) {
        if (bytes > 0) free.addAndGet(bytes);
    }
}
