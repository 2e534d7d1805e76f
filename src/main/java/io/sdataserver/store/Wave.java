package io.sdataserver.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Independent operations of one unit of work (a chunk of batch entries) run side by side, a wave at a time on
 * threads of their own, and the statement chains they reach are sent to PostgreSQL together, in entry order, in one
 * round trip: on a batch a round trip per entry was most of an entry's time. Each operation is the same code as when
 * it runs alone; only the round trips are shared.
 *
 * <p>The database sees exactly the statements and the order of running the operations one after another (or, where
 * {@link ChainMerge} runs the same statement of several of them as one, their effect), or the wave gives up: an
 * operation may touch the connection outside a chain only when every earlier one has finished, and may not touch it
 * again once a later one's statements have run (say a second chain after the first). A failing
 * statement, a fault in an operation, or an operation stuck for seconds gives up as well. Giving up leaves the
 * caller to roll the unit back and run the operations one after another, as before: the wave is an optimisation
 * that is either exact or discarded, never a second set of rules.
 */
final class Wave {
    private static final Logger LOG = Logger.getLogger(Wave.class.getName());

    /** Thrown into an operation when its wave gives up; what it computed is discarded. */
    static final class GaveUp extends RuntimeException {
        GaveUp(String why) { super(why, null, false, false); }
    }

    /** The operation the current thread runs for a wave, if any. */
    private static final ThreadLocal<Slot> CURRENT = new ThreadLocal<>();

    private static final AtomicInteger THREADS = new AtomicInteger();
    /** Threads come and go with use; a wave never waits for a thread another wave holds. */
    private static final ExecutorService OPERATIONS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sdata-batch-entry-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    /** An operation still running with nothing to wait for gives up the wave after this (a lock it waits on, say). */
    private static final long STUCK_MILLIS = 5_000;

    private enum State { NEW, RUNNING, WAITING, DONE }

    private final Connection real;
    private final Dialect dialect;
    private final Connection shared;
    private final ReentrantLock lock = new ReentrantLock();
    /** The coordinator waits on this; each waiting operation on its own condition, so a change wakes only who it concerns. */
    private final Condition moved = lock.newCondition();
    private Condition[] ran;
    private State[] states;
    private StatementChain[] chains;
    /** The highest operation whose statements have run: no earlier one may touch the database any more. */
    private int ranUpTo = -1;
    private String gaveUp;
    /** Statements saved by merging the chains of a round trip ({@link ChainMerge}). */
    private int merged;

    Wave(Connection real, Dialect dialect) {
        this.real = real;
        this.dialect = dialect;
        this.shared = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new Direct());
    }

    /** Statements saved by merging chains, once {@link #run} has returned. */
    int merged() { return merged; }

    /** The connection operations see: each call on it is a statement outside a chain, checked against the order. */
    Connection connection() { return shared; }

    /** The operation this thread runs for a wave, or null. */
    static Slot current() { return CURRENT.get(); }

    /** The connection itself behind a wave's, for statements whose order does not matter (a sequence's next values). */
    static Connection unordered(Connection c) {
        Slot s = CURRENT.get();
        return s != null && c == s.wave().shared ? s.wave().real : c;
    }

    /**
     * Operations running side by side; each next one starts when the one a wave before it is done. Their chains go in
     * one round trip once none of them is running: on two cores, operations running while a round trip is under
     * way slowed the database's own work more than they saved.
     */
    private static final int WAVE = 25;

    /**
     * Runs the operations; their results in order, or null when the wave gave up (the caller rolls back). An operation
     * that fails having changed no row (a 412: its compare-and-set matched nothing) is answered by {@code refusal}, as
     * it would be alone: any other failure gives the wave up.
     */
    <T> List<T> run(List<Supplier<T>> operations, java.util.function.BiFunction<Integer, Throwable, T> refusal) {
        int n = operations.size();
        states = new State[n];
        chains = new StatementChain[n];
        Arrays.fill(states, State.NEW);
        ran = new Condition[n];
        for (int i = 0; i < n; i++) ran[i] = lock.newCondition();
        results = new Object[n];
        this.operations = new ArrayList<>(operations);
        this.refusal = refusal;
        wrote = new boolean[n];
        lock.lock();
        try {
            startWave();
        } finally {
            lock.unlock();
        }
        coordinate();
        if (gaveUp != null) {
            LOG.log(Level.FINE, "a wave of {0} operations gave up ({1}); they run one after another", new Object[] {n, gaveUp});
            for (Object r : results) if (r instanceof AutoCloseable a) closeQuietly(a);
            return null;
        }
        List<T> out = new ArrayList<>(n);
        for (Object r : results) {
            @SuppressWarnings("unchecked") T t = (T) r;
            out.add(t);
        }
        return out;
    }

    private Object[] results;
    private java.util.function.BiFunction<Integer, Throwable, ?> refusal;
    /** Whether an operation changed rows (or may have: a statement outside a chain). */
    private boolean[] wrote;
    private List<? extends Supplier<?>> operations;
    private int started;

    /** Starts the first wave of operations; each of their threads goes on with the later ones (the lock is held). */
    private void startWave() {
        int end = Math.min(states.length, WAVE);
        for (int i = 0; i < end; i++) start(i);
    }

    /**
     * Starts operation {@code i} on a thread of its own (the lock is held). That thread goes on with the operation a
     * wave later once this one is done, rather than handing it to another: each hand-over was a thread parked and
     * another woken (7 of the 15 ms of kernel time the entries of a 1,000-update batch took; the batch went from
     * 72-82 ms to 61-69). The later operation may run while others of this wave still finish; its chain waits for
     * theirs all the same (the coordinator sends chains in order, once none is running).
     */
    private void start(int i) {
        states[i] = State.RUNNING;
        started = Math.max(started, i + 1);
        OPERATIONS.execute(() -> {
            for (int next = i; next >= 0; next = finished(next)) {
                Slot slot = new Slot(this, next);
                CURRENT.set(slot);
                try {
                    results[next] = operations.get(next).get();
                } catch (Throwable t) {
                    failed(next, t);
                } finally {
                    CURRENT.remove();
                }
            }
        });
    }

    /**
     * Once no operation is running, sends the waiting chains together, in operation order, and lets their operations
     * go on; until all are done.
     */
    private void coordinate() {
        boolean interrupted = false;
        lock.lock();
        try {
            while (true) {
                if (gaveUp != null) {
                    // no more are started; every running one hears it at its next step, and all of them end (a
                    // caller that stopped waiting would leave them on the connection it is about to roll back)
                    wakeWaiting();
                    if (allDone()) return;
                    interrupted |= await();
                    continue;
                }
                if (allDone() && started == states.length) return;
                List<Integer> head = head();
                if (head.isEmpty() || running()) {
                    if (!moved.await(STUCK_MILLIS, TimeUnit.MILLISECONDS)) giveUp("an operation ran " + STUCK_MILLIS + " ms without reaching the database");
                    continue;
                }
                List<StatementChain> together = new ArrayList<>(head.size());
                for (int i : head) together.add(chains[i]);
                lock.unlock(); // no operation is running: the connection is the coordinator's until they are woken
                String failed = null;
                try {
                    merged += StatementChain.runTogether(real, dialect, together);
                } catch (SQLException | RuntimeException | Error e) {
                    failed = "a statement failed: " + e;
                } finally {
                    lock.lock();
                }
                if (failed != null) giveUp(failed);
                else ranUpTo = Math.max(ranUpTo, head.get(head.size() - 1));
                for (int k = 0; k < head.size(); k++) if (together.get(k).changedRows()) wrote[head.get(k)] = true;
                for (int i : head) {
                    chains[i] = null;
                    states[i] = State.RUNNING;
                    ran[i].signal();
                }
            }
        } catch (InterruptedException e) {
            // interrupted while waiting for the operations: they are told, and waited for, all the same
            interrupted = true;
            giveUp("interrupted");
            while (!allDone()) {
                wakeWaiting();
                await();
            }
        } finally {
            lock.unlock();
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    /** Waits for a change, at most {@link #STUCK_MILLIS}, whatever interrupts; whether one came meanwhile. */
    private boolean await() {
        try {
            moved.await(STUCK_MILLIS, TimeUnit.MILLISECONDS);
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }

    /** The waiting operations before the first one still running or not started (every earlier one is done). */
    private List<Integer> head() {
        List<Integer> head = new ArrayList<>();
        for (int i = 0; i < states.length; i++) {
            if (states[i] == State.WAITING) head.add(i);
            else if (states[i] != State.DONE) break;
        }
        return head;
    }

    private boolean running() {
        for (int i = 0; i < started; i++) if (states[i] == State.RUNNING) return true;
        return false;
    }

    /** Whether no operation is running or waiting (one not started yet will be only if the wave goes on). */
    private boolean allDone() {
        for (int i = 0; i < started; i++) if (states[i] == State.RUNNING || states[i] == State.WAITING) return false;
        return true;
    }

    private void wakeWaiting() {
        for (int i = 0; i < states.length; i++) {
            if (states[i] != State.WAITING) continue;
            states[i] = State.RUNNING;
            ran[i].signal();
        }
    }

    private void failed(int index, Throwable t) {
        lock.lock();
        try {
            boolean clean = gaveUp == null && !wrote[index] && t instanceof RuntimeException && !(t instanceof GaveUp);
            if (clean) results[index] = refusal.apply(index, t);
            else giveUp("operation " + (index + 1) + " failed: " + t);
        } catch (RuntimeException e) {
            giveUp("operation " + (index + 1) + " failed and its answer too: " + e);
        } finally {
            lock.unlock();
        }
    }

    /** The coordinator waits for no operation to be running (or for the wave to give up): woken only then. */
    private void wakeCoordinator() {
        if (gaveUp != null || !running()) moved.signal();
    }

    private void giveUp(String why) {
        lock.lock();
        try {
            if (gaveUp == null) gaveUp = why;
            moved.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Operation {@code index} is done; the one a wave later, which its thread runs next, or -1 when none is due. */
    private int finished(int index) {
        lock.lock();
        try {
            states[index] = State.DONE;
            int next = index + WAVE;
            boolean goOn = gaveUp == null && next < states.length;
            if (goOn) {
                states[next] = State.RUNNING;
                started = Math.max(started, next + 1);
            }
            wakeCoordinator();
            return goOn ? next : -1;
        } finally {
            lock.unlock();
        }
    }

    /** Queues an operation's chain and waits until it has run with the others (its readers have been told). */
    private void chain(int index, StatementChain chain) {
        lock.lock();
        try {
            if (gaveUp == null && ranUpTo > index) giveUp("operation " + (index + 1) + " went back to the database after a later one");
            if (gaveUp != null) throw new GaveUp(gaveUp);
            chains[index] = chain;
            states[index] = State.WAITING;
            wakeCoordinator();
            while (states[index] == State.WAITING) ran[index].awaitUninterruptibly();
            if (gaveUp != null) throw new GaveUp(gaveUp);
        } finally {
            lock.unlock();
        }
    }

    /** A statement outside a chain: only when every earlier operation is done and no later one has run any. */
    private void direct(int index) {
        lock.lock();
        try {
            if (gaveUp == null) {
                for (int i = 0; i < index; i++) {
                    if (states[i] != State.DONE) {
                        giveUp("operation " + (index + 1) + " needed the database outside a chain before operation " + (i + 1) + " was done");
                        break;
                    }
                }
                if (gaveUp == null && ranUpTo > index) giveUp("operation " + (index + 1) + " went back to the database after a later one");
            }
            if (gaveUp != null) throw new GaveUp(gaveUp);
            ranUpTo = Math.max(ranUpTo, index);
            wrote[index] = true; // it may have: a statement outside a chain is not looked into
        } finally {
            lock.unlock();
        }
    }

    /** One operation of a wave. */
    record Slot(Wave wave, int index) {
        void chain(StatementChain chain) { wave.chain(index, chain); }
    }

    /** Every call on the operations' connection is checked as a statement outside a chain, then made on the real one. */
    private final class Direct implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, java.lang.reflect.Method m, Object[] args) throws Throwable {
            switch (m.getName()) {
                case "equals": return proxy == args[0];
                case "hashCode": return System.identityHashCode(proxy);
                case "toString": return "wave connection over " + real;
                default: break;
            }
            Slot s = CURRENT.get();
            if (s == null || s.wave() != Wave.this) throw new IllegalStateException("a wave's connection used outside its operations");
            direct(s.index());
            try {
                return m.invoke(real, args);
            } catch (InvocationTargetException e) {
                giveUp("a statement failed: " + e.getCause());
                throw e.getCause();
            }
        }
    }

    private static void closeQuietly(AutoCloseable a) {
        try {
            a.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "closing a discarded result failed", e);
        }
    }
}
