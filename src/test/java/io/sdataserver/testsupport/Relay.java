package io.sdataserver.testsupport;

/**
 * A TCP relay to a local port that holds every chunk it forwards for a fixed delay, each way: the database as if
 * on another machine. Two threads per direction, so a chunk's delay does not hold back the ones after it.
 */
public final class Relay implements AutoCloseable {
    private final java.net.ServerSocket listener;
    private final int target;
    private final long delayNanos;

    private String url;

    public Relay(int target, long delayMicros) throws java.io.IOException {
        this.target = target;
        this.delayNanos = delayMicros * 1000;
        listener = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        daemon("relay-accept", this::accept);
    }

    public int port() { return listener.getLocalPort(); }

    /** A relay in front of the database of a {@code jdbc:postgresql://localhost:PORT/...} URL. */
    public static Relay before(String jdbcUrl, long delayMicros) throws java.io.IOException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("localhost:(\\d+)/").matcher(jdbcUrl);
        if (!m.find()) throw new IllegalArgumentException("no localhost port in " + jdbcUrl);
        Relay r = new Relay(Integer.parseInt(m.group(1)), delayMicros);
        r.url = jdbcUrl.replace("localhost:" + m.group(1) + "/", "127.0.0.1:" + r.port() + "/");
        return r;
    }

    /** The URL that reaches the database through this relay (made by {@link #before}). */
    public String url() { return url; }

    private void accept() {
        try {
            while (true) {
                java.net.Socket client = listener.accept();
                java.net.Socket server = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), target);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                pipe(client, server);
                pipe(server, client);
            }
        } catch (java.io.IOException closed) {
            // the relay was closed
        }
    }

    private record Chunk(long due, byte[] bytes) { }

    private void pipe(java.net.Socket from, java.net.Socket to) throws java.io.IOException {
        java.util.concurrent.BlockingQueue<Chunk> queue = new java.util.concurrent.LinkedBlockingQueue<>();
        java.io.InputStream in = from.getInputStream();
        java.io.OutputStream out = to.getOutputStream();
        daemon("relay-read", () -> {
            byte[] buf = new byte[65536];
            try {
                for (int n; (n = in.read(buf)) > 0; ) queue.put(new Chunk(System.nanoTime() + delayNanos, java.util.Arrays.copyOf(buf, n)));
            } catch (java.io.IOException | InterruptedException e) {
                // the connection ended
            }
            queue.add(new Chunk(0, null));
        });
        daemon("relay-write", () -> {
            try {
                for (Chunk c; (c = queue.take()).bytes() != null; ) {
                    for (long wait; (wait = c.due() - System.nanoTime()) > 0; ) {
                        if (wait > 60_000) java.util.concurrent.locks.LockSupport.parkNanos(wait - 50_000);
                        else Thread.onSpinWait();
                    }
                    out.write(c.bytes());
                    out.flush();
                }
                to.shutdownOutput();
            } catch (java.io.IOException | InterruptedException e) {
                // the connection ended
            }
        });
    }

    private static void daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    @Override public void close() throws java.io.IOException { listener.close(); }
}
