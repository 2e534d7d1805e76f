package io.sdataserver.http;

import io.sdataserver.testsupport.Backend;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Random valid and damaged requests against PostgreSQL: never a server error, every error a diagnosis. */
class RandomRequestsPostgresTest {
    private static RandomRequests q;

    @BeforeContainer
    static void start() { q = new RandomRequests(Backend.POSTGRES); }

    @AfterContainer
    static void stop() {
        System.out.println("[random requests] statuses " + q.statuses);
        q.close();
    }

    @Property(tries = 400)
    void answersAreNeverServerErrorsAndErrorsAreDiagnoses(@ForAll long seed) { q.answersAreNeverServerErrorsAndErrorsAreDiagnoses(seed); }
}
