package io.sdataserver.query;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sdataserver.testsupport.Backend;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Thousands of random queries against Postgres, each compared with the reference evaluator. */
class RandomQueriesPostgresTest {
    private static RandomQueries q;

    @BeforeContainer
    static void start() { q = new RandomQueries(Backend.POSTGRES); }

    @AfterContainer
    static void stop() {
        // the generator must probe real subsets, not only "all" or "nothing"
        boolean probing = q.cases == 0 || q.nonTrivial * 5 >= q.cases;
        q.close();
        assertTrue(probing, q.nonTrivial + " of " + q.cases + " where-cases selected a proper subset");
    }

    @Property(tries = 700)
    void whereAgreesWithTheReference(@ForAll long seed) { q.whereAgreesWithTheReference(seed); }

    @Property(tries = 60)
    void orderByAgreesWithTheReference(@ForAll long seed) { q.orderByAgreesWithTheReference(seed); }

    @Property(tries = 300)
    void garbageIsNeverAServerError(@ForAll long seed) { q.garbageIsNeverAServerError(seed); }
}
