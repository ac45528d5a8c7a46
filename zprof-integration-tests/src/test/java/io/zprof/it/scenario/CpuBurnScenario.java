package io.zprof.it.scenario;

import io.zprof.api.model.DumpKind;
import io.zprof.core.Zprof;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A CPU spike: one thread per core burns in {@link #scenarioCpuBurnHotLoop()} until the cpu rule (absolute
 * threshold) fires and its capture is published, or — with {@code stopAtTrigger} — only until the rule fires, so the
 * post-trigger cpu profile misses the spike and only the pre-trigger window holds it. The pre-trigger window is on in
 * both.
 */
final class CpuBurnScenario {
    /**
     * 35 % of all cores: the burn takes them all on an idle machine, an idle JVM a few %. A thread per core, not one
     * thread: with the build running another module's tests beside this one (Maven -T), a single thread got less
     * than a third of the machine and the rule never fired.
     */
    static final double ABS = 35;
    private static volatile boolean stop;

    private CpuBurnScenario() {
    }

    static boolean run(Path dumpDir, boolean stopAtTrigger) throws Exception {
        ScenarioEvents events = new ScenarioEvents();
        try (Zprof zprof = ScenarioMain.start(dumpDir, c -> c
                .cpu(r -> r.enabled(true).min(10).abs(ABS).diff(0).cooldown(Duration.ofMinutes(10)).dumps(DumpKind.CPU))
                .dump(d -> d.window(w -> w.enabled(true).maxAge(Duration.ofMinutes(1)).maxSize(16L * 1024 * 1024))),
                events)) {
            if (!ScenarioMain.awaitEvaluated(zprof, "cpu") || !awaitQuiet(zprof)) {
                return false;
            }
            AtomicLong stoppedAt = new AtomicLong();
            if (stopAtTrigger) {
                Thread watcher = new Thread(() -> stopWhenFired(zprof, stoppedAt), "scenario-cpu-watcher");
                watcher.setDaemon(true);
                watcher.start();
            }
            long burnStart = System.currentTimeMillis();
            List<Thread> burners = new ArrayList<>();
            for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
                Thread burner = new Thread(CpuBurnScenario::scenarioCpuBurnHotLoop, "scenario-cpu-burn-" + i);
                burner.start();
                burners.add(burner);
            }
            List<ScenarioEvents.Received> got = events.await("cpu", 1, ScenarioMain.EVENT_TIMEOUT);
            stop = true;
            for (Thread burner : burners) {
                burner.join();
            }
            if (got.isEmpty()) {
                System.out.println("ZPROF-FAILED no cpu event\n" + zprof.status().describe());
                return false;
            }
            ScenarioEvents.Received r = got.get(0);
            long fired = r.event().time().toEpochMilli();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("burnStartToRuleFiredMs", fired - burnStart);
            m.put("ruleFiredToEventPublishedMs", r.receivedMillis() - fired);
            m.put("burnStartToEventPublishedMs", r.receivedMillis() - burnStart);
            if (stopAtTrigger) {
                m.put("ruleFiredToBurnStoppedMs", stoppedAt.get() - fired);
            }
            m.put("settings", "interval 200ms, warm-up 3, cpu abs " + ABS + "% of "
                    + Runtime.getRuntime().availableProcessors() + " cores, cpu recording 1s at 10ms, window on, text on");
            ScenarioEvents.measure(stopAtTrigger ? "cpu-stop" : "cpu", m);
        }
        return true;
    }

    /** Waits (up to 5 s) for a sample below 20 %, so start-up work of the JVM is not taken for the spike. */
    private static boolean awaitQuiet(Zprof zprof) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!(ScenarioMain.status(zprof, "cpu").value() < 20)) {
            if (System.nanoTime() > deadline) {
                System.out.println("ZPROF-FAILED the JVM never went quiet\n" + zprof.status().describe());
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** Stops the burn as soon as the rule has fired: before the post-trigger cpu recording starts. */
    private static void stopWhenFired(Zprof zprof, AtomicLong stoppedAt) {
        try {
            while (ScenarioMain.status(zprof, "cpu").firedCount() == 0) {
                Thread.sleep(1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stoppedAt.set(System.currentTimeMillis());
        stop = true;
    }

    /** The spike; its unique name is what the parent looks for in the recorded stacks. */
    static long scenarioCpuBurnHotLoop() {
        long x = 17;
        while (!stop) {
            for (int i = 0; i < 100_000; i++) {
                x = x * 31 + i ^ (x >>> 7);
            }
        }
        return x;
    }
}
