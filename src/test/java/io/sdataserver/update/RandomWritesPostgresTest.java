package io.sdataserver.update;

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
    static void stop() { w.finish(); }

    @Property(tries = 200)
    void aWriteIsAcceptedWholeOrRefusedWithoutTrace(@ForAll long seed) { w.aWriteIsAcceptedWholeOrRefusedWithoutTrace(seed); }
}
