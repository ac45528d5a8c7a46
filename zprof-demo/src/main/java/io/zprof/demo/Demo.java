package io.zprof.demo;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.GcMonitorMode;
import io.zprof.api.model.ArtifactRef;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.ReportEvent;
import io.zprof.core.Zprof;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The zprof demo: embedded defaults, dumps in {@code ./dumps}, no network. It makes each rule fire in turn — a
 * CPU burn, a thread leak, memory growth and GC pressure — and prints for each what fired, why, and which files
 * were written, starting with its incident report; a third-party reporter (examples/custom-reporter) receives every
 * event; the end shows status(), lists the reports and says how much disk the evidence takes and how to remove it.
 * Run with {@code -Xmx512m} (the README command does). {@code -Dzprof.demo.steps=cpu,threads} runs some of the steps
 * ({@code cpu}, {@code threads}, {@code memory}, {@code gcheap}); {@code -Dzprof.demo.dir} moves the dumps.
 */
public final class Demo {
    private static final BlockingQueue<ReportEvent> EVENTS = new LinkedBlockingQueue<>();
    private static volatile boolean burning;
    private static final List<Object> RETAINED = new ArrayList<>();
    private static final List<Path> reports = new ArrayList<>();

    private Demo() {
    }

    /** @param args ignored */
    public static void main(String[] args) throws Exception {
        Path dumps = Path.of(System.getProperty("zprof.demo.dir", "dumps"));
        Path events = dumps.resolve("events.log").toAbsolutePath();
        Files.deleteIfExists(events);
        Zprof zprof = Zprof.builder()
                .properties(ConfigProperties.of(Map.of(
                        "zprof.reporters", "eventlog",
                        "zprof.reporter.eventlog.path", events.toString())))
                .configure(cfg -> cfg
                        .collectInterval(Duration.ofSeconds(1))
                        .warmupCycles(3)
                        .windowSize(5)
                        .label("app", "zprof-demo")
                        // abs fires on an idle machine; the growth branch (twice the recent average) on a busy one,
                        // where the burn's share of the cores stays below 40 %
                        .cpu(r -> r.enabled(true).min(5).abs(40).diff(100).cooldown(Duration.ofMinutes(10)))
                        .threads(r -> r.enabled(true).min(20).abs(0).diff(50).cooldown(Duration.ofMinutes(10)))
                        .osThreads(r -> r.enabled(true).min(20).abs(0).diff(50).cooldown(Duration.ofMinutes(10)))
                        // enabled in step 3: the captures of steps 1 and 2 grow RSS too (JFR buffers, parsing for the
                        // text summaries), and the rule should fire on the growth step 3 makes
                        .memory(r -> r.enabled(false).min(0.1).abs(0).diff(30).cooldown(Duration.ofMinutes(10)))
                        .gcHeap(g -> g.enabled(false).mode(GcMonitorMode.NOTIFICATION).triggerRatio(0.3).dumpCount(2)
                                .cooldown(Duration.ofMinutes(10)))
                        .dump(d -> d.directory(dumps).text(true).cpuDuration(Duration.ofSeconds(3))
                                .threadCreateDuration(Duration.ofSeconds(2))
                                .window(w -> w.enabled(true).maxAge(Duration.ofSeconds(30)))
                                // who holds the growth between an event's two heap dumps, in a child JVM
                                .heapHolders(h -> h.enabled(true).maxHeapBytes(512L << 20).interval(Duration.ofSeconds(5)))))
                .build();
        zprof.addListener(EVENTS::add);
        System.out.println("zprof demo: dumps go to " + dumps.toAbsolutePath() + " (0700); Ctrl-C to stop early\n");
        zprof.start();
        Set<String> steps = Set.of(System.getProperty("zprof.demo.steps", "cpu,threads,memory,gcheap").split(","));
        try {
            if (steps.contains("cpu")) {
                step("1. CPU burn: once the cpu rule has its baseline, four busy threads per core until it fires (above 40 %"
                        + " of the available cores, or twice its recent average)");
                awaitBaseline(zprof, "cpu", 20);
                burnUntilFired();
            }
            if (steps.contains("threads")) {
                step("2. Thread leak: 80 threads that never finish; the threads and osthreads rules watch for +50 % growth");
                leakThreads(80);
                await("threads", 20);
                await("osthreads", 20);
            }
            if (steps.contains("memory")) {
                step("3. Memory growth: enable the memory rule at runtime, let it learn the RSS baseline, retain ~160 MiB"
                        + " and keep growing; it fires on +30 % RSS growth, dumps the heap twice 5 s apart, and a child"
                        + " JVM finds who holds the growth");
                zprof.update(zprof.config().toBuilder().memory(r -> r.enabled(true)).build());
                awaitBaseline(zprof, "memory", 20);
                retain(160);
                Thread growing = keepRetaining(40);
                await("memory", 40);
                growing.interrupt();
                awaitHolderAnalysis(zprof, 120);
            }
            if (steps.contains("gcheap")) {
                step("4. GC pressure: enable the GC-heap rule at runtime (ratio 0.3) and churn garbage; two heap captures and a diff");
                zprof.update(zprof.config().toBuilder().gcHeap(g -> g.enabled(true)).build());
                Thread churn = churnGarbage();
                await("gcheap", 30);
                retain(40);
                await("gcheap", 30);
                churn.interrupt();
            }
            Thread.sleep(1500);
        } finally {
            zprof.stop();
        }
        for (ReportEvent late; (late = EVENTS.poll()) != null;) {
            print(late);
        }
        System.out.println("\n== The third-party reporter (examples/custom-reporter) received:");
        if (Files.exists(events)) {
            Files.readAllLines(events).forEach(l -> System.out.println("  " + l));
        }
        System.out.println("\n== status()\n" + zprof.status().describe());
        System.out.println("\n== Start with the incident reports (one HTML file per event, open it in a browser):");
        for (Path report : reports) {
            System.out.println("  " + report.toUri());
        }
        DemoDisk.print(dumps);
    }

    private static void step(String text) {
        System.out.println("\n== " + text);
    }

    private static void burnUntilFired() throws InterruptedException {
        burning = true;
        List<Thread> burners = new ArrayList<>();
        // four per core: on a machine busy with other work they still win a share the rule sees
        for (int i = 0; i < 4 * Math.max(1, Runtime.getRuntime().availableProcessors()); i++) {
            Thread t = new Thread(Demo::demoCpuBurn, "demo-cpu-burn-" + i);
            t.setDaemon(true);
            t.start();
            burners.add(t);
        }
        // the burn stops as soon as the rule fires: the CPU profile recorded after the trigger sees little of it,
        // the pre-trigger window has all of it
        ReportEvent e = awaitFired("cpu", 45, () -> burning = false);
        burning = false;
        for (Thread t : burners) {
            t.join();
        }
        if (e == null) {
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

    private static synchronized void retain(int mib) {
        for (int i = 0; i < mib; i++) {
            RETAINED.add(new DemoRetainedBlock());
        }
    }

    /** Retains one more MiB every 100 ms, up to {@code mib}: the growth between the memory event's heap dumps. */
    private static Thread keepRetaining(int mib) {
        Thread t = new Thread(() -> {
            for (int i = 0; i < mib && !Thread.currentThread().isInterrupted(); i++) {
                retain(1);
                LockSupport.parkNanos(100_000_000L);
            }
        }, "demo-memory-growth");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The holder analysis runs after the event; stop() would kill its child JVM, so the demo waits for its end. */
    private static void awaitHolderAnalysis(Zprof zprof, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            Map<String, Long> c = zprof.status().counters();
            if (c.getOrDefault("captures.holders", 0L) + c.getOrDefault("captureFailures.holders", 0L) > 0) {
                System.out.println("  holder analysis " + (c.getOrDefault("captures.holders", 0L) > 0 ? "done" : "failed")
                        + "; the memory event's incident report was rebuilt with it");
                return;
            }
            Thread.sleep(200);
        }
        System.out.println("  (the holder analysis did not end within " + seconds + " s)");
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
    private static void awaitBaseline(Zprof zprof, String rule, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            boolean ready = zprof.status().rules().stream()
                    .anyMatch(r -> r.rule().equals(rule) && r.reason().startsWith("not fired"));
            if (ready) {
                return;
            }
            Thread.sleep(200);
        }
        System.out.println("  (" + rule + " still learning its baseline after " + seconds + " s)");
    }

    private static void await(String rule, int seconds) throws InterruptedException {
        if (awaitFired(rule, seconds, null) == null) {
            System.out.println("  (" + rule + " did not fire within " + seconds + " s)");
        }
    }

    private static ReportEvent awaitFired(String rule, int seconds, Runnable onFire) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            ReportEvent e = EVENTS.poll(200, TimeUnit.MILLISECONDS);
            if (e == null) {
                continue;
            }
            if (onFire != null && e.rule().equals(rule)) {
                onFire.run();
            }
            print(e);
            if (e.rule().equals(rule)) {
                return e;
            }
        }
        return null;
    }

    private static void print(ReportEvent e) {
        System.out.printf("  FIRED %-9s %s%n", e.rule(), e.reason());
        e.artifacts().stream().filter(a -> a.kind().equals(DumpKind.REPORT.key())).findFirst().ifPresent(a -> {
            reports.add(a.path());
            System.out.println("        incident report: " + a.path().toUri());
        });
        for (ArtifactRef a : e.artifacts()) {
            System.out.printf("        wrote %-55s %,12d bytes%n", a.name(), a.sizeBytes());
        }
        if (e.error() != null) {
            System.out.println("        note: " + e.error());
        }
        if (e.artifacts().stream().anyMatch(a -> a.kind().equals(DumpKind.WINDOW.key()))) {
            System.out.println("        (the window file holds the " + "JFR history from before the trigger)");
        }
    }
}
