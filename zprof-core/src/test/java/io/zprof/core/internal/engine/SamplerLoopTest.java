package io.zprof.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.core.fixtures.MutableClock;
import io.zprof.core.fixtures.Poll;
import io.zprof.core.fixtures.ZprofThreads;
import io.zprof.core.internal.report.TimeSource;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sampler's fixed-rate loop: reschedules, skips instead of bursting, survives interrupts, stops. */
class SamplerLoopTest {
    private static final long MS = 1_000_000L;

    @AfterEach
    void noThreadLeft() {
        ZprofThreads.awaitNone();
    }

    @Test
    void aNewIntervalTakesEffectAtOnce() {
        AtomicLong interval = new AtomicLong(TimeUnit.HOURS.toNanos(1));
        AtomicInteger cycles = new AtomicInteger();
        SamplerLoop loop = new SamplerLoop(cycles::incrementAndGet, interval::get, new ZprofThreadFactory("sampler"),
                TimeSource.SYSTEM);
        loop.start();
        try {
            interval.set(20 * MS);
            loop.reschedule();
            Poll.until("cycles at the new 20 ms interval", () -> cycles.get() >= 3);
        } finally {
            assertTrue(loop.stop(1000));
        }
    }

    @Test
    void aCycleThatOverrunsIsFollowedByOneIntervalOfRestNotByABurst() {
        // on the test's clock: the first cycle takes five intervals of it, and the test moves it on in small steps
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T12:00:00Z"));
        List<Instant[]> spans = new CopyOnWriteArrayList<>();
        SamplerLoop loop = new SamplerLoop(() -> {
            Instant start = clock.instant();
            if (spans.isEmpty()) {
                clock.advance(Duration.ofMillis(250));
            }
            spans.add(new Instant[] {start, clock.instant()});
        }, () -> 50 * MS, new ZprofThreadFactory("sampler"), TimeSource.of(clock));
        loop.start();
        try {
            Poll.until("two cycles", () -> {
                if (spans.size() >= 2) {
                    return true;
                }
                clock.advance(Duration.ofMillis(5));
                return false;
            });
        } finally {
            assertTrue(loop.stop(1000));
        }
        Duration rest = Duration.between(spans.get(0)[1], spans.get(1)[0]);
        assertTrue(rest.compareTo(Duration.ofMillis(50)) >= 0,
                "the missed cycles were skipped, the next came an interval later: " + rest.toMillis() + " ms");
    }

    @Test
    void theTestsClockDrivesTheCycles() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T12:00:00Z"));
        List<Instant> starts = new CopyOnWriteArrayList<>();
        SamplerLoop loop = new SamplerLoop(() -> starts.add(clock.instant()), () -> TimeUnit.SECONDS.toNanos(5),
                new ZprofThreadFactory("sampler"), TimeSource.of(clock));
        loop.start();
        try {
            for (int i = 1; i <= 3; i++) {
                clock.advance(Duration.ofSeconds(5));
                int expected = i;
                Poll.until("cycle " + i + " after " + (5 * i) + " s of the test's clock", () -> starts.size() >= expected);
            }
        } finally {
            assertTrue(loop.stop(1000));
        }
        assertEquals(List.of(Instant.parse("2026-01-01T12:00:05Z"), Instant.parse("2026-01-01T12:00:10Z"),
                Instant.parse("2026-01-01T12:00:15Z")), starts, "one cycle per interval of the test's clock");
    }

    @Test
    void anInterruptLeftByACycleDoesNotTurnTheWaitIntoASpin() {
        AtomicInteger cycles = new AtomicInteger();
        Thread[] sampler = new Thread[1];
        SamplerLoop loop = new SamplerLoop(() -> {
            sampler[0] = Thread.currentThread();
            cycles.incrementAndGet();
            Thread.currentThread().interrupt();
        }, () -> 100 * MS, new ZprofThreadFactory("sampler"), TimeSource.SYSTEM);
        loop.start();
        try {
            Poll.until("first cycle", () -> cycles.get() >= 1);
            var threads = ManagementFactory.getThreadMXBean();
            long cpu0 = threads.getThreadCpuTime(sampler[0].getId());
            sleep(500);
            long cpuMillis = (threads.getThreadCpuTime(sampler[0].getId()) - cpu0) / MS;
            // a spinning loop would burn the whole 500 ms; a parked one a fraction of a millisecond per cycle
            assertTrue(cpuMillis < 100, "sampler used " + cpuMillis + " ms of CPU in 500 ms");
        } finally {
            assertTrue(loop.stop(1000));
        }
    }

    @Test
    void anErrorThrownByACycleDoesNotEndSampling() {
        AtomicInteger cycles = new AtomicInteger();
        SamplerLoop loop = new SamplerLoop(() -> {
            if (cycles.incrementAndGet() == 1) {
                throw new OutOfMemoryError("test: Java heap space");
            }
        }, () -> 20 * MS, new ZprofThreadFactory("sampler"), TimeSource.SYSTEM);
        runUntil(loop, "cycles after the one that threw", () -> cycles.get() >= 3);
    }

    @Test
    void stopGivesUpOnACycleThatIgnoresInterruptsAndSaysSo() throws Exception {
        CountDownLatch inCycle = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SamplerLoop loop = new SamplerLoop(() -> {
            inCycle.countDown();
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException ignored) {
                    // deaf to interrupts
                }
            }
        }, () -> MS, new ZprofThreadFactory("sampler"), TimeSource.SYSTEM);
        loop.start();
        assertTrue(inCycle.await(10, TimeUnit.SECONDS));
        assertFalse(loop.stop(100), "stop reports that the thread did not end");
        release.countDown();
        Poll.until("the abandoned thread ends once its cycle returns", () -> ZprofThreads.alive().isEmpty());
        assertEquals(0, ZprofThreads.alive().size());
    }

    /** Starts the loop, waits for the condition, and checks that the loop stops in time. */
    private static void runUntil(SamplerLoop loop, String what, BooleanSupplier done) {
        loop.start();
        try {
            Poll.until(what, done);
        } finally {
            assertTrue(loop.stop(1000));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
