package io.zprof.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zprof.core.internal.engine.EngineCounters.Counter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine's named counters and the snapshot status() shows. */
class EngineCountersTest {
    @Test
    void theSnapshotHasEveryCounterByItsKeyInAFixedOrderStartingAtZero() {
        Map<String, Long> s = new EngineCounters().snapshot();
        assertEquals(List.of("cycles", "collectErrors", "events", "dryRunEvents", "captureFailures", "captureSkips",
                "captureRejected", "listenerErrors", "gcObserved", "samplesRejected"), new ArrayList<>(s.keySet()));
        assertEquals(0L, s.values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void eachCounterCountsOnItsOwnAndTheSnapshotIsACopy() throws Exception {
        EngineCounters c = new EngineCounters();
        Map<String, Long> before = c.snapshot();
        Thread[] threads = new Thread[4];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> {
                for (int n = 0; n < 1000; n++) {
                    c.increment(Counter.CYCLES);
                }
            });
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        c.add(Counter.SAMPLES_REJECTED, 7);
        assertEquals(4000, c.get(Counter.CYCLES), "no increment lost between threads");
        assertEquals(7L, c.snapshot().get("samplesRejected"));
        assertEquals(0L, c.snapshot().get("events"));
        assertEquals(0L, before.get("cycles"), "a snapshot does not move with the counters");
    }
}
