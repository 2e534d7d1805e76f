package io.sdataserver.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down a client that keeps sending wrong credentials: after {@link #LIMIT} failures from one address within
 * a minute, its requests are answered 429 with Retry-After until the minute is over, without checking anything.
 * A password guesser gets a handful of tries a minute; nobody else notices.
 */
public final class FailureThrottle {
    static final int LIMIT = 10;
    private static final long WINDOW_NANOS = 60_000_000_000L;
    private static final int MAX_TRACKED = 100_000;

    private record Window(long start, int failures) { }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    private volatile long purgedAt = System.nanoTime();

    /**
     * Whether no guesser is being counted: then nobody has to wait, and the caller need not name one. Windows that
     * have run out are dropped here, at most once a second, so that one old failure does not keep the check busy.
     */
    public boolean quiet() {
        if (windows.isEmpty()) return true;
        long now = System.nanoTime();
        if (now - purgedAt > 1_000_000_000L) {
            purgedAt = now;
            windows.values().removeIf(w -> now - w.start() > WINDOW_NANOS);
        }
        return windows.isEmpty();
    }

    /** Seconds the address must wait, or 0 when it may try. */
    public long waitSeconds(String address) {
        Window w = windows.get(address);
        if (w == null) return 0;
        long left = w.start() + WINDOW_NANOS - System.nanoTime();
        if (left <= 0) {
            windows.remove(address, w);
            return 0;
        }
        return w.failures() >= LIMIT ? Math.max(1, left / 1_000_000_000L) : 0;
    }

    public void failed(String address) {
        if (windows.size() > MAX_TRACKED) windows.clear(); // a flood of addresses must not grow this without bound
        long now = System.nanoTime();
        windows.merge(address, new Window(now, 1), (old, one) -> now - old.start() > WINDOW_NANOS ? one
                : new Window(old.start(), old.failures() + 1));
    }
}
