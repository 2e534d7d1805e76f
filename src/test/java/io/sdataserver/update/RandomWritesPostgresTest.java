package io.sdataserver.update;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sdataserver.testsupport.Backend;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Random good and bad writes against PostgreSQL: never a 5xx, a refused write leaves no trace. */
class RandomWritesPostgresTest {
    private static RandomWrites w;

    @BeforeContainer
    static void start() { w = new RandomWrites(Backend.POSTGRES); }

    @AfterContainer
    static void stop() {
        // the generator must exercise both outcomes, not only refusals
        boolean both = w.accepted + w.refused == 0 || (w.accepted * 10 >= w.accepted + w.refused && w.refused * 10 >= w.accepted + w.refused);
        System.out.println("[random writes] " + w.accepted + " accepted, " + w.refused + " refused " + w.outcomes);
        w.close();
        assertTrue(both, w.accepted + " accepted, " + w.refused + " refused " + w.outcomes);
    }

    @Property(tries = 200)
    void aWriteIsAcceptedWholeOrRefusedWithoutTrace(@ForAll long seed) { w.aWriteIsAcceptedWholeOrRefusedWithoutTrace(seed); }
}
