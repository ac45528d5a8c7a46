package io.zprof.it.scenario;

import io.zprof.api.model.DumpKind;
import io.zprof.core.Zprof;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A thread leak: {@link #scenarioLeakThreads} starts 100 parked threads named {@code scenario-leak-N}, then a few
 * more every 100 ms until both events are in, so the thread-creation recording that follows the osthreads trigger
 * has creations to show. The threads rule (growth) captures a thread dump; the osthreads rule (growth) a
 * thread-creation recording.
 */
final class ThreadLeakScenario {
    private static final int LEAK = 100;
    private static final int MORE_PER_STEP = 5;
    private static final int MAX_THREADS = 400;

    private ThreadLeakScenario() {
    }

    static boolean run(Path dumpDir) throws Exception {
        ScenarioEvents events = new ScenarioEvents();
        List<Thread> leaked = new ArrayList<>();
        try (Zprof zprof = ScenarioMain.start(dumpDir, c -> c
                .threads(r -> r.enabled(true).min(10).abs(0).diff(50).max(100_000).cooldown(Duration.ofMinutes(10))
                        .dumps(DumpKind.THREADS))
                .osThreads(r -> r.enabled(true).min(10).abs(0).diff(50).cooldown(Duration.ofMinutes(10))
                        .dumps(DumpKind.THREADCREATE)),
                events)) {
            if (!ScenarioMain.awaitEvaluated(zprof, "threads", "osthreads")) {
                return false;
            }
            scenarioLeakThreads(leaked, LEAK);
            long deadline = System.nanoTime() + ScenarioMain.EVENT_TIMEOUT.toNanos();
            while ((events.of("threads").isEmpty() || events.of("osthreads").isEmpty()) && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(100);
                if (leaked.size() < MAX_THREADS) {
                    scenarioLeakThreads(leaked, MORE_PER_STEP);
                }
            }
            if (events.of("threads").isEmpty() || events.of("osthreads").isEmpty()) {
                System.out.println("ZPROF-FAILED threads and osthreads events expected\n" + zprof.status().describe());
                return false;
            }
        } finally {
            leaked.forEach(Thread::interrupt);
        }
        return true;
    }

    /** The leak; its unique name is what the parent looks for in the thread-creation stacks. */
    static void scenarioLeakThreads(List<Thread> into, int count) {
        for (int i = 0; i < count; i++) {
            Thread t = new Thread(ThreadLeakScenario::parkUntilInterrupted, "scenario-leak-" + into.size());
            t.setDaemon(true);
            t.start();
            into.add(t);
        }
    }

    private static void parkUntilInterrupted() {
        while (!Thread.currentThread().isInterrupted()) {
            LockSupport.park();
        }
    }
}
