package io.sdataserver.batch;

import io.sdataserver.atom.Link;
import io.sdataserver.diagnosis.Diagnosis;
import io.sdataserver.pipeline.Dispatcher;
import io.sdataserver.pipeline.Outcome;
import io.sdataserver.pipeline.Outcomes;
import io.sdataserver.pipeline.SDataRequest;
import io.sdataserver.pipeline.Target;
import io.sdataserver.store.UnitOfWork;
import io.sdataserver.store.Waves;
import io.sdataserver.store.UnitsOfWork;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a batch (§13): each entry goes through the same dispatcher, unit of work and outcome mapping as the single
 * request it stands for, so no rule is written twice. Entries run one after another, a chunk at a time, and one
 * failing does not stop the others (§13.4). With {@code atomic=true} all entries
 * share one unit: either every entry succeeds and all commit, or none is applied, the failing entry answers with
 * its own status and every other one with 424 Failed Dependency.
 */
public final class BatchRunner {
    /** Entries committed together: one commit per chunk instead of one per entry, locks held for a chunk at most. */
    static final int CHUNK = 100;

    private final Dispatcher dispatcher;
    private final UnitsOfWork units;
    private final Outcomes outcomes;
    private final Waves waves;

    public BatchRunner(Dispatcher dispatcher, UnitsOfWork units, Outcomes outcomes, Waves waves) {
        this.dispatcher = dispatcher;
        this.units = units;
        this.outcomes = outcomes;
        this.waves = waves;
    }

    /** Told of entries as they run, in the transaction that applies them (an asynchronous job counts them so). */
    public interface Progress {
        Progress NONE = (uow, statuses) -> { };

        void ran(UnitOfWork uow, List<Integer> statuses);
    }

    /** The entries of a batch request, checked whole (400 and nothing applied when they cannot be understood). */
    public List<BatchEntries.Prepared> prepare(SDataRequest r, Target.Batch batch) {
        return BatchEntries.prepare(batch, r.batch().get(), r.urls(), r.answer(), r.caller());
    }

    /** The batch's answer: 200 and a feed whose entries are the operations' answers, in the request's order. */
    public Outcome run(SDataRequest r, Target.Batch batch, String title, List<Link> links) {
        return Outcome.of(200, new Outcome.BatchFeed(r.url().text(), title, links, items(prepare(r, batch), atomic(r), Progress.NONE)));
    }

    static boolean atomic(SDataRequest r) { return "true".equalsIgnoreCase(r.query().first("atomic")); }

    /** Runs the entries as the answer is written. */
    Consumer<Consumer<Outcome.BatchItem>> items(List<BatchEntries.Prepared> entries, boolean atomic, Progress progress) {
        return atomic ? sink -> atomically(entries, sink, progress) : sink -> inChunks(entries, sink, progress);
    }

    /**
     * Independent entries, committed a chunk at a time, so one commit covers a chunk. Entries run without a savepoint
     * (a round trip each way saved); when one fails, the chunk's transaction is rolled back and run again with that
     * entry in a savepoint of its own, so that its fault undoes it alone; after a few faults the rest of the chunk
     * runs in savepoints outright. Answers go out only after their chunk committed, so none reports a write that a
     * failed commit then lost (those are answered with the commit's fault instead).
     */
    private void inChunks(List<BatchEntries.Prepared> entries, Consumer<Outcome.BatchItem> sink, Progress progress) {
        try (BatchAnswers written = new BatchAnswers(sink)) {
            int gaveUp = 0;
            Boolean pays = null; // whether entries share round trips here: decided on the first chunk's unit
            for (int from = 0; from < entries.size(); from += CHUNK) {
                written.check(); // the answers cannot be written (the client went away): no more chunks run
                List<BatchEntries.Prepared> chunk = entries.subList(from, Math.min(entries.size(), from + CHUNK));
                java.util.Set<Integer> guarded = new java.util.HashSet<>();
                boolean together = gaveUp < WAVES_GIVEN_UP;
                while (true) {
                    try (UnitOfWork uow = units.begin()) {
                        if (together && pays == null) pays = waves.pay(uow);
                        List<Outcome> answers = together && pays ? inWaves(chunk, uow) : run(chunk, uow, guarded);
                        if (answers == null && together) {
                            // a wave could not keep to one-after-another (an entry failed, or needed several round
                            // trips): the chunk again, one entry after another, as without waves
                            together = false;
                            gaveUp++;
                            continue;
                        }
                        if (answers == null) continue; // an unguarded entry failed: again, with it guarded
                        try {
                            progress.ran(uow, statuses(answers));
                            uow.commit();
                        } catch (RuntimeException t) {
                            Outcome lost = outcomes.fault(t, "POST", null);
                            answers.replaceAll(o -> o.status() < 400 ? lost : o);
                            recordApart(progress, answers);
                        }
                        List<Outcome.BatchItem> items = new ArrayList<>(chunk.size());
                        boolean reading = false;
                        for (int i = 0; i < chunk.size(); i++) {
                            items.add(new Outcome.BatchItem(chunk.get(i).method(), chunk.get(i).id(), answers.get(i)));
                            reading |= answers.get(i).readsAsWritten();
                        }
                        written.write(items);
                        if (reading) written.await(); // they read in this unit: written before it closes
                        break;
                    }
                }
            }
            written.await();
        }
    }

    /** Chunks whose entries could not run side by side in one batch before the rest run one after another outright. */
    private static final int WAVES_GIVEN_UP = 2;

    /**
     * The entries' answers, the entries run side by side with their statements sharing round trips (on PostgreSQL);
     * null when that gave up (the unit is rolled back).
     */
    private List<Outcome> inWaves(List<BatchEntries.Prepared> chunk, UnitOfWork uow) {
        List<java.util.function.Supplier<Outcome>> operations = new ArrayList<>(chunk.size());
        for (BatchEntries.Prepared e : chunk) operations.add(() -> dispatcher.dispatch(e.request(), uow));
        // an entry refused having changed nothing (a stale http:ifMatch, say) is answered as it would be alone
        return uow.together(operations, (i, t) -> outcomes.fault(t, chunk.get(i).method(), chunk.get(i).request().urls()));
    }

    /** Faults in one chunk before its remaining entries all run in savepoints. */
    private static final int REPLAYS = 3;

    /**
     * The chunk's answers, or null when an entry not yet guarded failed: it is guarded from now on, and the unit (rolled
     * back when closed) must be run again.
     */
    private List<Outcome> run(List<BatchEntries.Prepared> chunk, UnitOfWork uow, java.util.Set<Integer> guarded) {
        List<Outcome> answers = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
            BatchEntries.Prepared e = chunk.get(i);
            boolean guard = guarded.contains(i) || guarded.size() >= REPLAYS;
            try {
                answers.add(guard ? uow.step(() -> dispatcher.dispatch(e.request(), uow)) : dispatcher.dispatch(e.request(), uow));
            } catch (Throwable t) {
                if (!guard) {
                    guarded.add(i);
                    return null;
                }
                answers.add(outcomes.fault(t, e.method(), e.request().urls()));
            }
        }
        return answers;
    }

    private void atomically(List<BatchEntries.Prepared> entries, Consumer<Outcome.BatchItem> sink, Progress progress) {
        try (UnitOfWork uow = units.begin()) {
            List<Outcome> done = new ArrayList<>();
            int failed = -1;
            Outcome failure = null;
            // side by side first (PostgreSQL); the entries after a failing one ran too, and are undone with it
            List<Outcome> together = waves.pay(uow) ? inWaves(entries, uow) : null;
            if (together != null) {
                for (int i = 0; i < together.size(); i++) {
                    Outcome o = together.get(i);
                    if (failed >= 0) {
                        o.close();
                    } else if (o.status() >= 400) {
                        failed = i;
                        failure = o;
                    } else {
                        done.add(o);
                    }
                }
            }
            for (int i = 0; together == null && i < entries.size() && failed < 0; i++) {
                BatchEntries.Prepared e = entries.get(i);
                try {
                    Outcome o = dispatcher.dispatch(e.request(), uow);
                    if (o.status() >= 400) {
                        failed = i;
                        failure = o;
                    } else {
                        done.add(o);
                    }
                } catch (Throwable t) {
                    failed = i;
                    failure = outcomes.fault(t, e.method(), e.request().urls());
                }
            }
            if (failed < 0) {
                try {
                    progress.ran(uow, statuses(done));
                    uow.commit();
                } catch (RuntimeException t) {
                    failed = entries.size();
                    failure = outcomes.fault(t, "POST", null);
                }
            }
            if (failed < 0) {
                for (int i = 0; i < entries.size(); i++) sink.accept(new Outcome.BatchItem(entries.get(i).method(), entries.get(i).id(), done.get(i)));
                return;
            }
            uow.rollback();
            boolean commitFailed = failed == entries.size(); // then every entry shares the commit's fault
            List<Outcome> answers = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) answers.add(commitFailed || i == failed ? failure : rolledBack(failed));
            recordApart(progress, answers);
            for (int i = 0; i < entries.size(); i++) {
                BatchEntries.Prepared e = entries.get(i);
                sink.accept(new Outcome.BatchItem(e.method(), e.id(), answers.get(i)));
            }
        }
    }

    private static List<Integer> statuses(List<Outcome> answers) {
        List<Integer> s = new ArrayList<>(answers.size());
        for (Outcome o : answers) s.add(o.status());
        return s;
    }

    /** Entries whose transaction was undone are still counted as run, with the status they were answered. */
    private void recordApart(Progress progress, List<Outcome> answers) {
        if (progress == Progress.NONE) return;
        try (UnitOfWork uow = units.begin()) {
            progress.ran(uow, statuses(answers));
            uow.commit();
        }
    }

    /** 424: this entry was not applied, or was undone, because another entry of the atomic batch failed. */
    private static Outcome rolledBack(int failed) {
        return Outcomes.diagnoses(424, List.of(Diagnosis.application("RolledBack", "not applied: entry " + (failed + 1)
                + " of this atomic batch failed, so none of its entries was applied", null)));
    }
}
