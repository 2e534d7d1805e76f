package io.sdataserver.update;

import io.sdataserver.testsupport.Backend;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Random good and bad writes against H2: never a 5xx, a refused write leaves no trace. */
class RandomWritesH2Test {
    private static RandomWrites w;

    @BeforeContainer
    static void start() { w = new RandomWrites(Backend.H2); }

    @AfterContainer
    static void stop() { w.finish(); }

    @Property(tries = 400)
    void aWriteIsAcceptedWholeOrRefusedWithoutTrace(@ForAll long seed) { w.aWriteIsAcceptedWholeOrRefusedWithoutTrace(seed); }
}
