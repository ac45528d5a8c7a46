package io.zprof.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The demo's steps, the one workload both forms of the demo run: a CPU burn, a thread leak, memory growth and GC
 * pressure, each until its rule fires. It sees zprof only through {@link DemoControls}, so it runs the same embedded
 * ({@link Demo}) and under the agent ({@link AgentDemo}). JDK classes only: under the agent, zprof is not on the
 * application's class path.
 */
final class DemoWorkload {
    /** Every step, in order. */
    static final String ALL_STEPS = "cpu,threads,memory,gcheap";

    private static volatile boolean burning;
    private static final List<Object> RETAINED = new ArrayList<>();

    private final DemoControls zprof;

    private DemoWorkload(DemoControls zprof) {
        this.zprof = zprof;
    }

    /**
     * Runs the steps, printing each with what fired.
     *
     * @param steps which steps: {@code cpu}, {@code threads}, {@code memory}, {@code gcheap}, comma-separated
     * @param zprof the running zprof
     * @throws Exception when zprof cannot be asked or refuses a change
     */
    static void run(String steps, DemoControls zprof) throws Exception {
        new DemoWorkload(zprof).run(Set.of(steps.split(",")));
    }

    private void run(Set<String> steps) throws Exception {
        if (steps.contains("cpu")) {
            DemoOutput.step("1. CPU burn: once the cpu rule has its baseline, four busy threads per core until it fires (above 40 %"
                    + " of the available cores, or twice its recent average)");
            awaitBaseline("cpu", 20);
            burnUntilFired();
        }
        if (steps.contains("threads")) {
            DemoOutput.step("2. Thread leak: 80 threads that never finish; the threads and osthreads rules watch for +50 % growth");
            leakThreads(80);
            await("threads", 20);
            await("osthreads", 20);
        }
        if (steps.contains("memory")) {
            DemoOutput.step("3. Memory growth: enable the memory rule at runtime, let it learn the RSS baseline, retain ~160 MiB;"
                    + " it fires on +30 % RSS growth");
            zprof.update("zprof.memory.enabled", "true");
            awaitBaseline("memory", 20);
            retain(160);
            await("memory", 25);
        }
        if (steps.contains("gcheap")) {
            DemoOutput.step("4. GC pressure: enable the GC-heap rule at runtime (ratio 0.3) and churn garbage; two heap captures and a diff");
            zprof.update("zprof.gcheap.enabled", "true");
            Thread churn = churnGarbage();
            await("gcheap", 30);
            retain(40);
            await("gcheap", 30);
            churn.interrupt();
        }
        Thread.sleep(1500);
    }

    private void burnUntilFired() throws Exception {
        burning = true;
        List<Thread> burners = new ArrayList<>();
        // four per core: on a machine busy with other work they still win a share the rule sees
        for (int i = 0; i < 4 * Math.max(1, Runtime.getRuntime().availableProcessors()); i++) {
            Thread t = new Thread(DemoWorkload::demoCpuBurn, "demo-cpu-burn-" + i);
            t.setDaemon(true);
            t.start();
            burners.add(t);
        }
        // the burn stops as soon as the rule fires: the CPU profile recorded after the trigger sees little of it,
        // the pre-trigger window has all of it
        boolean fired = awaitFired("cpu", 45, () -> burning = false);
        burning = false;
        for (Thread t : burners) {
            t.join();
        }
        if (!fired) {
            System.out.println("  (cpu rule did not fire within 45 s)");
        }
    }

    /** Named so it stands out in the CPU profiles. */
    static void demoCpuBurn() {
        long x = 0;
        while (burning) {
            for (int i = 0; i < 100_000; i++) {
                x += Long.numberOfTrailingZeros(x + i) ^ i;
            }
        }
        if (x == 42) {
            System.out.print("");
        }
    }

    private static void leakThreads(int n) {
        CountDownLatch never = new CountDownLatch(1);
        for (int i = 0; i < n; i++) {
            Thread t = new Thread(() -> demoLeakedThreadWaits(never), "demo-leaked-" + i);
            t.setDaemon(true);
            t.start();
        }
    }

    /** Named so it stands out in the thread dump and the thread-creation stacks. */
    static void demoLeakedThreadWaits(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void retain(int mib) {
        for (int i = 0; i < mib; i++) {
            RETAINED.add(new DemoRetainedBlock());
        }
    }

    /** One MiB retained on purpose; the heap histogram diff shows this class growing. */
    static final class DemoRetainedBlock {
        final byte[] data = new byte[1024 * 1024];
        DemoRetainedBlock() {
            for (int i = 0; i < data.length; i += 4096) {
                data[i] = 1; // touch every page so the growth shows in RSS, not only in the heap
            }
        }
    }

    private static Thread churnGarbage() {
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                byte[][] garbage = new byte[64][];
                for (int i = 0; i < garbage.length; i++) {
                    garbage[i] = new byte[64 * 1024];
                }
                LockSupport.parkNanos(2_000_000);
            }
        }, "demo-gc-churn");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Waits until the rule has finished its warm-up and filled its baseline window. */
    private void awaitBaseline(String rule, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (zprof.learned(rule)) {
                return;
            }
            Thread.sleep(200);
        }
        System.out.println("  (" + rule + " still learning its baseline after " + seconds + " s)");
    }

    private void await(String rule, int seconds) throws Exception {
        if (!awaitFired(rule, seconds, null)) {
            System.out.println("  (" + rule + " did not fire within " + seconds + " s)");
        }
    }

    /** Prints every event until one of the rule's; {@code onFire} runs when it comes. */
    private boolean awaitFired(String rule, int seconds, Runnable onFire) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            String fired = zprof.nextEvent(200);
            if (rule.equals(fired)) {
                if (onFire != null) {
                    onFire.run();
                }
                return true;
            }
        }
        return false;
    }
}
