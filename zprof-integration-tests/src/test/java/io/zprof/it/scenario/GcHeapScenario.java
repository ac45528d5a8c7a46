package io.zprof.it.scenario;

import io.zprof.api.config.GcMonitorMode;
import io.zprof.api.model.DumpKind;
import io.zprof.core.Zprof;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A retained-allocation leak: a growing list of {@link ScenarioRetained} (about 32 MB/s). With GC notifications,
 * another thread churns short-lived garbage so that GCs happen; in poll mode the engine's forced GCs do. The
 * GC-heap rule (ratio 0.3, two captures) fires once the heap after a GC
 * holds more than 30 % of {@code -Xmx}, then captures again at the next GC, which yields the heap diff.
 */
final class GcHeapScenario {
    static final double RATIO = 0.3;
    /** Retention stops growing here, so a slow capture cannot run the child out of memory. */
    private static final double RETAIN_CAP = 0.6;
    private static final int PER_STEP = 256;
    private static volatile boolean stop;

    private GcHeapScenario() {
    }

    static boolean run(Path dumpDir, GcMonitorMode mode) throws Exception {
        ScenarioEvents events = new ScenarioEvents();
        List<ScenarioRetained> retained = new ArrayList<>();
        Thread churn = new Thread(GcHeapScenario::churnGarbage, "scenario-churn");
        churn.setDaemon(true);
        try (GcCrossing crossing = new GcCrossing(RATIO);
             Zprof zprof = ScenarioMain.start(dumpDir, c -> c.gcHeap(g -> g.enabled(true).mode(mode).triggerRatio(RATIO)
                     .dumpCount(2).cooldown(Duration.ofMinutes(10)).dumps(List.of(DumpKind.HEAP))), events)) {
            if (mode == GcMonitorMode.NOTIFICATION) {
                churn.start();
            }
            long cap = (long) (Runtime.getRuntime().maxMemory() * RETAIN_CAP);
            long deadline = System.nanoTime() + ScenarioMain.EVENT_TIMEOUT.toNanos();
            while (events.of("gcheap").size() < 2 && System.nanoTime() < deadline) {
                if ((long) retained.size() * ScenarioRetained.APPROX_BYTES < cap) {
                    for (int i = 0; i < PER_STEP; i++) {
                        retained.add(new ScenarioRetained(retained.size()));
                    }
                }
                TimeUnit.MILLISECONDS.sleep(8);
            }
            stop = true;
            List<ScenarioEvents.Received> got = events.of("gcheap");
            if (got.size() < 2) {
                System.out.println("ZPROF-FAILED two gcheap events expected, got " + got.size() + "\n"
                        + zprof.status().describe());
                return false;
            }
            ScenarioEvents.Received first = got.get(0);
            long crossed = crossing.firstCrossingMillis();
            long fired = first.event().time().toEpochMilli();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mode", mode.name());
            m.put("thresholdCrossedToRuleFiredMs", fired - crossed);
            m.put("ruleFiredToFirstCapturePublishedMs", first.receivedMillis() - fired);
            m.put("thresholdCrossedToFirstCapturePublishedMs", first.receivedMillis() - crossed);
            m.put("heapPercentAtTrigger", first.event().value());
            m.put("firstTrigger", first.event().reason());
            m.put("retainedObjects", retained.size());
            m.put("settings", "-Xmx" + Runtime.getRuntime().maxMemory() / (1024 * 1024) + "m, ratio " + RATIO
                    + ", dumpCount 2, heap dump live=true + class histogram, " + mode);
            ScenarioEvents.measure("gcheap", m);
        }
        return true;
    }

    /** Short-lived garbage, about 250 MB/s, so young collections happen every fraction of a second. */
    private static void churnGarbage() {
        byte[][] ring = new byte[16][];
        int i = 0;
        while (!stop) {
            for (int j = 0; j < 8; j++) {
                ring[i++ & 15] = new byte[32 * 1024];
            }
            try {
                TimeUnit.MILLISECONDS.sleep(1);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
