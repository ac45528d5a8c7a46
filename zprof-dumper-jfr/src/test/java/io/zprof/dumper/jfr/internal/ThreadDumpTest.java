package io.zprof.dumper.jfr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.model.DumpKind;
import io.zprof.api.port.Dumper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Thread dumps of real threads in known states, read back as text (and JSON on JDK 21+). */
class ThreadDumpTest {
    private static final int DEPTH = 40;
    private static final String HASH = "<(0x[0-9a-f]{8})>";

    /** Held by the parked thread, wanted by the blocked one. */
    static final class HeldLock {
    }

    /** The parked thread's blocker. */
    static final class ParkBlocker {
    }

    /** What the waiting thread waits on. */
    static final class WaitMonitor {
    }

    @TempDir
    Path dir;

    private final HeldLock held = new HeldLock();
    private final WaitMonitor waitMonitor = new WaitMonitor();
    private final ReentrantLock first = new ReentrantLock();
    private final ReentrantLock second = new ReentrantLock();
    private volatile boolean release;
    private final List<Thread> threads = new java.util.ArrayList<>();

    @BeforeEach
    void startThreadsInKnownStates() throws Exception {
        Thread parked = start("zprof-test-parked", () -> recurseInZprofTest(DEPTH));
        awaitState(parked, Thread.State.WAITING);
        awaitState(start("zprof-test-blocked", () -> {
            synchronized (held) {
                Workloads.sink++;
            }
        }), Thread.State.BLOCKED);
        awaitState(start("zprof-test-waiting", this::waitInZprofTest), Thread.State.WAITING);
        CountDownLatch bothHoldOne = new CountDownLatch(2);
        Thread a = start("zprof-test-deadlock-a", () -> deadlock(first, second, bothHoldOne));
        Thread b = start("zprof-test-deadlock-b", () -> deadlock(second, first, bothHoldOne));
        // WAITING alone would also match a thread still parked in the latch: wait until each queues on the other's lock
        pollUntil(() -> first.hasQueuedThread(b) && second.hasQueuedThread(a));
        assertTrue(first.hasQueuedThread(b) && second.hasQueuedThread(a), "the two threads deadlocked");
    }

    @AfterEach
    void releaseThreads() throws InterruptedException {
        release = true;
        for (Thread t : threads) {
            LockSupport.unpark(t);
            t.interrupt();
        }
        synchronized (waitMonitor) {
            waitMonitor.notifyAll();
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    @Test
    void textDumpShowsNamesStatesFullStacksAndLocksInTheJstackLayout() throws Exception {
        TempDirOutput out = new TempDirOutput(dir);
        try (Dumper dumper = new HotspotDumperProvider().create(Fixtures.context(Fixtures.config(dir, d -> d)))) {
            dumper.dump(Fixtures.request(DumpKind.THREADS, null, false, true, List.of(), out));
        }
        String text = Files.readString(out.require("threads", "txt"));
        assertTrue(text.startsWith(java.time.Year.now().toString()), text.substring(0, 80));
        assertTrue(text.contains("Full thread dump "), "jstack header");

        String parked = block(text, "zprof-test-parked");
        assertTrue(Pattern.compile("^\"zprof-test-parked\" #\\d+ daemon prio=5 .*waiting on condition\n"
                + "   java.lang.Thread.State: WAITING \\(parking\\)\n"
                + "\tat jdk.internal.misc.Unsafe.park\\(java.base@[^/]+/Native Method\\)\n"
                + "\t- parking to wait for  " + HASH + " \\(a " + Pattern.quote(ParkBlocker.class.getName()) + "\\)\n")
                .matcher(parked).find(), parked);
        assertTrue(parked.contains("\tat " + getClass().getName() + ".parkedInZprofTest(ThreadDumpTest.java:"), parked);
        assertEquals(DEPTH + 1, count(parked, ".recurseInZprofTest("), "no stack cut at 8 frames:\n" + parked);
        Matcher locked = Pattern.compile("\tat " + Pattern.quote(getClass().getName()) + ".holdLockInZprofTest\\(.*\\)\n"
                + "\t- locked " + HASH + " \\(a " + Pattern.quote(HeldLock.class.getName()) + "\\)\n").matcher(parked);
        assertTrue(locked.find(), parked);

        String blocked = block(text, "zprof-test-blocked");
        assertTrue(blocked.contains("waiting for monitor entry\n   java.lang.Thread.State: BLOCKED (on object monitor)"),
                blocked);
        assertTrue(blocked.contains("\t- waiting to lock <" + locked.group(1) + "> (a " + HeldLock.class.getName() + ")"),
                "the blocked thread waits for the very lock the parked one holds:\n" + blocked);

        String waiting = block(text, "zprof-test-waiting");
        assertTrue(waiting.contains("in Object.wait()\n   java.lang.Thread.State: WAITING (on object monitor)"), waiting);
        assertTrue(Pattern.compile("\t- waiting on " + HASH + " \\(a " + Pattern.quote(WaitMonitor.class.getName()))
                .matcher(waiting).find(), waiting);

        String deadlock = text.substring(text.indexOf("Found a Java-level deadlock between 2 threads:"));
        assertTrue(deadlock.contains("\"zprof-test-deadlock-a\"") && deadlock.contains("held by \"zprof-test-deadlock-b\""),
                deadlock);
    }

    @Test
    void binaryOnlyGivesTheJsonDumpWithVirtualThreadsOnJdk21AndTheTextBefore() throws Exception {
        TempDirOutput out = new TempDirOutput(dir);
        try (Dumper dumper = new HotspotDumperProvider().create(Fixtures.context(Fixtures.config(dir, d -> d)))) {
            dumper.dump(Fixtures.request(DumpKind.THREADS, null, true, false, List.of(), out));
        }
        if (Runtime.version().feature() >= 21) {
            assertEquals(List.of("json"), out.written().stream().map(TempDirOutput.Requested::extension).toList());
            String json = Files.readString(out.require("threads", "json"));
            assertTrue(json.trim().startsWith("{") && json.contains("\"threadDump\""), json.substring(0, 200));
            assertTrue(json.contains("\"zprof-test-parked\"") && json.contains("parkedInZprofTest"));
        } else {
            assertEquals(List.of("txt"), out.written().stream().map(TempDirOutput.Requested::extension).toList(),
                    "before JDK 21 the text is the only form, so it is written even with text forms off");
            assertTrue(Files.readString(out.require("threads", "txt")).contains("\"zprof-test-parked\""));
        }
    }

    private void recurseInZprofTest(int depth) {
        if (depth > 0) {
            recurseInZprofTest(depth - 1);
        } else {
            holdLockInZprofTest();
        }
    }

    private void holdLockInZprofTest() {
        synchronized (held) {
            parkedInZprofTest();
        }
    }

    private void parkedInZprofTest() {
        ParkBlocker blocker = new ParkBlocker();
        while (!release) {
            LockSupport.park(blocker);
        }
    }

    private void waitInZprofTest() {
        synchronized (waitMonitor) {
            while (!release) {
                try {
                    waitMonitor.wait();
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private static void deadlock(ReentrantLock mine, ReentrantLock theirs, CountDownLatch bothHoldOne) {
        mine.lock();
        try {
            bothHoldOne.countDown();
            bothHoldOne.await();
            theirs.lockInterruptibly();
            theirs.unlock();
        } catch (InterruptedException e) {
            // released by the test
        } finally {
            mine.unlock();
        }
    }

    private Thread start(String name, Runnable task) {
        Thread t = Workloads.background(name, task);
        threads.add(t);
        return t;
    }

    private static void awaitState(Thread t, Thread.State state) throws InterruptedException {
        pollUntil(() -> t.getState() == state);
        assertEquals(state, t.getState(), t.getName());
    }

    /** Polls the condition for up to 10 s; the caller asserts it. */
    private static void pollUntil(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 1000 && !condition.getAsBoolean(); i++) {
            Thread.sleep(10);
        }
    }

    private static String block(String text, String threadName) {
        int start = text.indexOf("\"" + threadName + "\" #");
        assertTrue(start >= 0, "no thread " + threadName + " in\n" + text);
        return text.substring(start, text.indexOf("\n\n", start) + 1);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
