package io.sdataserver.http;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The access log (logger {@code sdata.access}): one line per answered request. Unless the deployment configures the
 * logger itself, its lines go to standard error through a background writer, so that no request waits on the console
 * (a synchronous console line cost a tenth of an entry GET). Lines are dropped, and counted, only when the writer is
 * more than a queue behind.
 */
public final class AccessLog {
    static final Logger LOG = Logger.getLogger("sdata.access");
    private static final Background BACKGROUND = new Background();

    static {
        if (LOG.getHandlers().length == 0 && LogManager.getLogManager().getProperty("sdata.access.handlers") == null) {
            LOG.addHandler(BACKGROUND);
            LOG.setUseParentHandlers(false);
        }
    }

    private AccessLog() { }

    /** Logs one line; the source is named so that JUL does not walk the stack to find the caller. */
    public static void line(String text) {
        if (LOG.isLoggable(Level.INFO)) LOG.logp(Level.INFO, "sdata.access", "request", text);
    }

    /** A random version-4 UUID without SecureRandom's cost: request ids need to be unique, not unguessable. */
    public static String requestId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return new UUID((r.nextLong() & ~0xF000L) | 0x4000L, (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString();
    }

    /** Lines not written because the writer fell a whole queue behind. */
    public static long dropped() { return BACKGROUND.dropped.get(); }

    /** Formats and writes records on one daemon thread, flushing whenever it has caught up. */
    private static final class Background extends Handler {
        private final BlockingQueue<LogRecord> queue = new ArrayBlockingQueue<>(65_536);
        private final AtomicLong dropped = new AtomicLong();
        private final PrintStream out;
        private final Thread writer;

        Background() {
            this.out = new PrintStream(new java.io.BufferedOutputStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), 1 << 16),
                    false, StandardCharsets.UTF_8);
            setFormatter(new SimpleFormatter());
            writer = new Thread(this::drain, "sdata-access-log");
            writer.setDaemon(true);
            writer.start();
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(this::flush, "sdata-access-log-flush"));
            } catch (IllegalStateException shuttingDown) {
                // the first request came after SIGTERM (it is still answered): no hook can be added any more, and
                // the writer thread writes its lines while the process finishes
            }
        }

        @Override
        public void publish(LogRecord record) {
            if (isLoggable(record) && !queue.offer(record)) dropped.incrementAndGet();
        }

        private void drain() {
            try {
                while (true) {
                    write(queue.take());
                    if (queue.isEmpty()) out.flush();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private synchronized void write(LogRecord r) {
            out.print(getFormatter().format(r));
        }

        @Override
        public synchronized void flush() {
            for (LogRecord r; (r = queue.poll()) != null; ) write(r);
            out.flush();
        }

        @Override
        public void close() { flush(); }
    }
}
