package io.zprof.core.internal.report;

import io.zprof.core.status.ReporterStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.zprof.api.config.ReportConfig;
import io.zprof.api.model.ReportEvent;
import io.zprof.api.model.ReportOutcome;
import io.zprof.api.port.ReportException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Isolation, timeouts, retries, queue bounds and shutdown of the dispatcher, end to end with real threads. Call
 * timeouts, backoff and retries run on the test's clock: the test moves it ({@link #drive}, or an explicit advance past
 * a timeout) instead of waiting for it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReportDispatcherTest extends DispatcherFixture {
    /** For the calls a test makes hang; on the test's clock, which moves only while no call is in flight. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(1);

    @Test
    void slowReporterDoesNotDelayAnother() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        ScriptedReporter slow = new ScriptedReporter((e, n) -> {
            gate.await();
            return ReportOutcome.success();
        });
        ScriptedReporter fast = ScriptedReporter.succeeding();
        ReportDispatcher d = started(config(10, true), named("slow", slow), named("fast", fast));
        try {
            for (int i = 0; i < 3; i++) {
                d.enqueue(event("e" + i));
            }
            drive("the fast reporter delivers everything while the slow one is stuck",
                    () -> status(d, 1).delivered() == 3, d);
            assertEquals(List.of("e0", "e1", "e2"), fast.calledIds());
            // The slow reporter's first call may start after the fast one finished: wait for it, then
            // check that it is still the only one.
            drive("the slow reporter's first call starts", () -> !slow.calls().isEmpty(), d);
            assertEquals(0, status(d, 0).delivered());
            assertEquals(1, slow.calls().size(), "the slow reporter is still in its first call");
        } finally {
            gate.countDown();
        }
        drive("the slow reporter catches up", () -> status(d, 0).delivered() == 3, d);
        assertTrue(fast.calls().get(0).thread().startsWith("zprof-report-fast-call"), fast.calls().get(0).thread());
        d.status().forEach(DispatcherFixture::assertAccounted);
    }

    @Test
    void hangingCallIsAbandonedInterruptedAndRetried() throws Exception {
        AtomicBoolean interrupted = new AtomicBoolean();
        ScriptedReporter hanging = new ScriptedReporter((e, n) -> {
            if (n == 0) {
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException ie) {
                    interrupted.set(true);
                    throw ie;
                }
            }
            return ReportOutcome.success();
        });
        ReportConfig cfg = config(10, true).callTimeout(CALL_TIMEOUT);
        ReportDispatcher d = started(cfg, named("hang", hanging));
        d.enqueue(event("a"));
        d.enqueue(event("b"));
        drive("the first call hangs", () -> hanging.calls().size() == 1, d);
        clock.advance(CALL_TIMEOUT);

        drive("both events delivered", () -> status(d, 0).delivered() == 2, d);
        ReporterStatus s = status(d, 0);
        assertEquals(1, s.timeouts());
        assertEquals(3, s.attempts());
        assertEquals(1, s.retries());
        drive("the abandoned call was interrupted", interrupted::get, d);
        assertEquals(List.of("a", "a", "b"), hanging.calledIds());
        assertTrue(s.lastError().contains("did not return within"), s.lastError());
        assertAccounted(s);
    }

    @Test
    void callThatIgnoresInterruptsDoesNotStopDelivery() throws Exception {
        AtomicBoolean release = new AtomicBoolean();
        ScriptedReporter stubborn = new ScriptedReporter((e, n) -> {
            while (n == 0 && !release.get()) {
                Thread.interrupted();
                LockSupport.parkNanos(1_000_000);
            }
            return ReportOutcome.success();
        });
        ReportConfig cfg = config(10, true).callTimeout(CALL_TIMEOUT);
        ReportDispatcher d = started(cfg, named("stubborn", stubborn));
        try {
            d.enqueue(event("a"));
            drive("the first call hangs", () -> stubborn.calls().size() == 1, d);
            clock.advance(CALL_TIMEOUT);
            drive("the event is delivered by a second call on a fresh thread",
                    () -> status(d, 0).delivered() == 1, d);
            assertFalse(release.get());
            assertEquals(1, status(d, 0).timeouts());
        } finally {
            release.set(true);
        }
    }

    @Test
    void atMostTwoCallThreadsAreHeldByCallsThatNeverReturn() throws Exception {
        AtomicBoolean release = new AtomicBoolean();
        ScriptedReporter stubborn = new ScriptedReporter((e, n) -> {
            while (n < 2 && !release.get()) {
                Thread.interrupted();
                LockSupport.parkNanos(1_000_000);
            }
            return ReportOutcome.success();
        });
        ReportConfig cfg = config(10, true).callTimeout(CALL_TIMEOUT);
        ReportDispatcher d = started(cfg, named("stubborn", stubborn));
        try {
            d.enqueue(event("a"));
            drive("the first call hangs", () -> stubborn.calls().size() == 1, d);
            clock.advance(CALL_TIMEOUT);
            drive("a second call hangs", () -> stubborn.calls().size() == 2, d);
            clock.advance(CALL_TIMEOUT);
            drive("the worker holds back a third call", () -> status(d, 0).timeouts() == 2
                    && String.valueOf(status(d, 0).lastError()).contains("do not return"), d);
            assertEquals(2, stubborn.calls().size(), "no third thread was started");
        } finally {
            release.set(true);
        }
        drive("a returning call frees a thread and delivery resumes", () -> status(d, 0).delivered() == 1, d);
        assertEquals(3, stubborn.calls().size());
    }

    @Test
    void throwingReporterIsIsolatedAndNotRetried() throws Exception {
        ScriptedReporter broken = new ScriptedReporter((e, n) -> {
            switch (e.eventId()) {
                case "npe": throw new NullPointerException("bug in reporter");
                case "linkage": throw new NoClassDefFoundError("okhttp3/OkHttpClient");
                default: return ReportOutcome.success();
            }
        });
        ScriptedReporter healthy = ScriptedReporter.succeeding();
        ReportDispatcher d = started(config(10, true), named("broken", broken), named("healthy", healthy));
        d.enqueue(event("npe"));
        d.enqueue(event("linkage"));
        d.enqueue(event("ok"));

        drive("all three settled", () -> status(d, 0).delivered() + status(d, 0).failedPermanent() == 3, d);
        drive("healthy reporter delivered all", () -> status(d, 1).delivered() == 3, d);
        ReporterStatus s = status(d, 0);
        assertEquals(2, s.failedPermanent());
        assertEquals(1, s.delivered());
        assertEquals(3, s.attempts(), "a reporter bug is not retried");
        assertEquals(List.of(), spoolEntries("broken"), "failed events leave the spool");
        assertAccounted(s);
    }

    @Test
    void fullQueueDropsTheOldestAndCountsIt() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        ScriptedReporter blocked = new ScriptedReporter((e, n) -> {
            gate.await();
            return ReportOutcome.success();
        });
        ReportDispatcher d = started(config(3, false), named("q", blocked));
        d.enqueue(event("e0"));
        Await.until("first event in flight", () -> blocked.calls().size() == 1);
        for (int i = 1; i <= 6; i++) {
            d.enqueue(event("e" + i));
        }
        ReporterStatus s = status(d, 0);
        assertEquals(3, s.droppedQueueFull());
        assertEquals(4, s.queued(), "three waiting plus the one in flight");
        assertAccounted(s);

        gate.countDown();
        drive("the rest delivered", () -> status(d, 0).delivered() == 4, d);
        assertEquals(List.of("e0", "e4", "e5", "e6"), blocked.calledIds(), "the oldest waiting events were dropped");
    }

    @Test
    void dropWarningsAddUpToTheDropsCountedAndTheLastOneComesAtStop() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        ScriptedReporter blocked = new ScriptedReporter((e, n) -> {
            gate.await();
            return ReportOutcome.success();
        });
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream previous = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        long dropped;
        try {
            ReportDispatcher d = started(config(3, false).flushTimeout(Duration.ofMillis(200)), named("q", blocked));
            d.enqueue(event("e0"));
            Await.until("first event in flight", () -> blocked.calls().size() == 1);
            for (int i = 1; i <= 100; i++) {
                d.enqueue(event("e" + i));
            }
            d.close();
            dropped = status(d, 0).droppedQueueFull();
        } finally {
            System.setErr(previous);
            gate.countDown();
        }
        assertEquals(97, dropped);
        Matcher m = Pattern.compile("Reporter 'q' dropped (\\d+) event\\(s\\) since the last warning \\((\\d+) in all\\)")
                .matcher(log.toString(StandardCharsets.UTF_8));
        long sum = 0;
        long lastTotal = 0;
        while (m.find()) {
            sum += Long.parseLong(m.group(1));
            lastTotal = Long.parseLong(m.group(2));
        }
        assertEquals(dropped, sum, "each warning states the drops since the previous one: " + log);
        assertEquals(dropped, lastTotal, "and the total so far: " + log);
    }

    @Test
    void burstAgainstBlockingReporterKeepsMemoryBoundedWithoutSpool() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        ScriptedReporter blocked = new ScriptedReporter((e, n) -> {
            gate.await();
            return ReportOutcome.success();
        });
        int queueSize = 10;
        ReportDispatcher d = started(config(queueSize, false), named("burst", blocked));
        d.enqueue(event("first"));
        Await.until("first event in flight", () -> blocked.calls().size() == 1);
        int maxQueued = burst(d, 999, queueSize);

        ReporterStatus s = status(d, 0);
        assertTrue(maxQueued <= queueSize + 1, "queued " + maxQueued);
        assertEquals(999 - queueSize, s.droppedQueueFull());
        gate.countDown();
        drive("queue drained", () -> status(d, 0).queued() == 0, d);
        assertEquals(queueSize + 1, status(d, 0).delivered());
        assertAccounted(status(d, 0));
    }

    @Test
    void burstAgainstBlockingReporterGoesToTheSpoolNotToMemory() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        ScriptedReporter blocked = new ScriptedReporter((e, n) -> {
            gate.await();
            return ReportOutcome.success();
        });
        int queueSize = 10;
        ReportDispatcher d = started(config(queueSize, true), named("burst", blocked));
        d.enqueue(event("first"));
        Await.until("first event in flight", () -> blocked.calls().size() == 1);
        int maxQueued = burst(d, 999, queueSize);
        assertTrue(maxQueued <= queueSize + 1, "queued " + maxQueued);

        drive("everything not dropped is on disk", () -> status(d, 0).queued() == 0, d);
        ReporterStatus s = status(d, 0);
        assertEquals(1000 - s.droppedQueueFull(), s.spooled());
        assertEquals(s.spooled(), spoolEntries("burst").size());
        assertAccounted(s);

        gate.countDown();
        drive("spool drained", () -> status(d, 0).spooled() == 0, d);
        s = status(d, 0);
        assertEquals(1000, s.delivered() + s.droppedQueueFull());
        assertEquals(0, s.spooledBytes());
        assertEquals(List.of(), spoolEntries("burst"));
        assertAccounted(s);
    }

    /** Enqueues quickly and samples the in-memory queue as it goes. @return the largest {@code queued} seen */
    private static int burst(ReportDispatcher d, int count, int queueSize) throws IOException {
        List<ReportEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(event("burst-" + i));
        }
        int max = 0;
        for (int i = 0; i < count; i++) {
            d.enqueue(events.get(i));
            if (i % 25 == 0) {
                max = Math.max(max, status(d, 0).queued());
            }
        }
        return Math.max(max, status(d, 0).queued());
    }

    @Test
    void retryHonoursRetryAfter() throws Exception {
        Duration retryAfter = Duration.ofMillis(300);
        ScriptedReporter limited = new ScriptedReporter((e, n) -> {
            if (n == 0) {
                throw new ReportException("HTTP 429 Too Many Requests", true, retryAfter);
            }
            return ReportOutcome.success();
        });
        limited.timedBy(clock);
        ReportDispatcher d = started(config(10, true), named("limited", limited));
        d.enqueue(event("a"));
        drive("delivered on the second attempt", () -> status(d, 0).delivered() == 1, d);

        List<ScriptedReporter.Call> calls = limited.calls();
        assertEquals(2, calls.size());
        Duration gap = Duration.between(calls.get(0).at(), calls.get(1).at());
        assertTrue(gap.compareTo(retryAfter) >= 0, "second attempt came " + gap.toMillis()
                + " ms after the first, but the server asked for " + retryAfter + " (backoff alone is <= 20 ms)");
        ReporterStatus s = status(d, 0);
        assertEquals(2, s.attempts());
        assertEquals(1, s.retries());
        assertEquals("ReportException: HTTP 429 Too Many Requests", s.lastError());
        assertNotNull(s.lastSuccess());
    }

    @Test
    void permanentFailureIsNotRetriedAndLeavesTheSpool() throws Exception {
        ScriptedReporter refusing = new ScriptedReporter((e, n) -> {
            throw new ReportException("HTTP 400 Bad Request: name: invalid service name", false, null);
        });
        ReportDispatcher d = started(config(10, true), named("refusing", refusing));
        d.enqueue(event("a", artifact("cpu_a.jfr", 100)));
        drive("given up", () -> status(d, 0).failedPermanent() == 1, d);
        ReporterStatus s = status(d, 0);
        assertEquals(1, s.attempts());
        assertEquals(0, s.retries());
        assertEquals(0, s.spooled());
        assertTrue(s.lastError().contains("HTTP 400"), s.lastError());
        assertEquals(List.of(), spoolEntries("refusing"));
        assertTrue(java.nio.file.Files.exists(dumps().resolve("cpu_a.jfr")), "the original artifact is untouched");
    }

    @Test
    void failedRoundLeavesTheEventSpooledForTheNextRound() throws Exception {
        ScriptedReporter flaky = new ScriptedReporter((e, n) -> {
            if (n < 3) {
                throw new IOException("Connection refused");
            }
            return ReportOutcome.success();
        });
        ReportDispatcher d = started(config(10, true).retry(fastRetry(2)), named("flaky", flaky));
        d.enqueue(event("a"));
        drive("delivered in the second round", () -> status(d, 0).delivered() == 1, d);
        ReporterStatus s = status(d, 0);
        assertEquals(4, s.attempts());
        assertEquals(3, s.retries());
        assertEquals(0, s.timeouts());
        assertEquals(List.of(), spoolEntries("flaky"));
    }

    @Test
    void eventWhoseRoundFailsGoesToTheBackOfTheLine() throws Exception {
        ScriptedReporter picky = new ScriptedReporter((e, n) -> {
            if (e.eventId().equals("poison")) {
                throw new ReportException("HTTP 429", true, null);
            }
            return ReportOutcome.success();
        });
        ReportDispatcher d = dispatcher(config(10, true).retry(fastRetry(2)), named("picky", picky));
        d.enqueue(event("poison"));
        d.enqueue(event("good1"));
        d.enqueue(event("good2"));
        d.start();
        drive("the events behind the poison one are delivered", () -> status(d, 0).delivered() == 2, d);
        assertEquals(List.of("poison", "poison", "good1", "good2"), picky.calledIds().subList(0, 4));
        assertEquals(1, status(d, 0).spooled(), "the refused event keeps waiting in the spool");
    }

    @Test
    void skippedEventsAreCounted() throws Exception {
        ScriptedReporter choosy = new ScriptedReporter((e, n) -> ReportOutcome.skipped("no JFR artifact"));
        ReportDispatcher d = started(config(10, true), named("choosy", choosy));
        d.enqueue(event("a"));
        drive("skipped", () -> status(d, 0).skipped() == 1, d);
        assertEquals(0, status(d, 0).delivered());
        assertEquals(List.of(), spoolEntries("choosy"));
        assertAccounted(status(d, 0));
    }

    @Test
    void closeFlushesWhatIsQueued() throws Exception {
        ScriptedReporter r = ScriptedReporter.succeeding();
        ReportDispatcher d = dispatcher(config(10, false), named("flush", r));
        d.start();
        for (int i = 0; i < 5; i++) {
            d.enqueue(event("e" + i));
        }
        d.close();
        // close() waits a bounded time for the worker; on a loaded machine it may still be finishing
        drive("the worker is gone", () -> !threadAlive("zprof-report-flush"), d);
        assertEquals(5, status(d, 0).delivered());
        assertTrue(r.closed.get(), "the reporter was closed");
    }

    @Test
    void closeReturnsInTimeWhenTheReporterHangsAndKeepsSpooledEvents() throws Exception {
        AtomicBoolean release = new AtomicBoolean();
        ScriptedReporter stuck = new ScriptedReporter((e, n) -> {
            while (!release.get()) {
                Thread.interrupted();
                LockSupport.parkNanos(1_000_000);
            }
            return ReportOutcome.success();
        });
        ReportConfig cfg = config(10, true).flushTimeout(Duration.ofMillis(300)).callTimeout(Duration.ofMinutes(1));
        ReportDispatcher d = started(cfg, named("stuck", stuck));
        try {
            d.enqueue(event("a"));
            d.enqueue(event("b"));
            Await.until("the first call hangs", () -> stuck.calls().size() == 1);
            drive("both spooled", () -> status(d, 0).spooled() == 2, d);

            assertTimeoutPreemptively(Duration.ofSeconds(10), d::close, "close() is bounded");
            // the worker saves what it holds and ends; close() waits for that a bounded time only
            drive("the worker is gone", () -> !threadAlive("zprof-report-stuck"), d);
            ReporterStatus s = status(d, 0);
            assertEquals(2, s.spooled());
            assertEquals(0, s.droppedOnClose());
            assertAccounted(s);
        } finally {
            release.set(true);
        }
        ScriptedReporter next = ScriptedReporter.succeeding();
        ReportDispatcher restarted = started(config(10, true), named("stuck", next));
        drive("the next run delivers both", () -> status(restarted, 0).delivered() == 2, restarted);
        assertEquals(List.of("a", "b"), next.calledIds());
    }

    @Test
    void closeWithoutSpoolCountsWhatIsLost() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        ScriptedReporter stuck = new ScriptedReporter((e, n) -> {
            never.await();
            return ReportOutcome.success();
        });
        ReportConfig cfg = config(10, false).flushTimeout(Duration.ofMillis(200));
        ReportDispatcher d = started(cfg, named("nospool", stuck));
        d.enqueue(event("a"));
        d.enqueue(event("b"));
        Await.until("the first call hangs", () -> stuck.calls().size() == 1);
        d.close();
        drive("the worker is gone", () -> !threadAlive("zprof-report-nospool"), d);
        ReporterStatus s = status(d, 0);
        assertEquals(2, s.droppedOnClose());
        assertEquals(0, s.queued());
        assertAccounted(s);
    }

    @Test
    void enqueueAfterCloseIsACountedDrop() throws Exception {
        ReportDispatcher d = started(config(10, true), named("late", ScriptedReporter.succeeding()));
        d.close();
        d.enqueue(event("late"));
        ReporterStatus s = status(d, 0);
        assertEquals(1, s.droppedOnClose());
        assertEquals(0, s.enqueued());
    }

    @Test
    void enqueueFromManyThreadsLosesNothing() throws Exception {
        ScriptedReporter r = ScriptedReporter.succeeding();
        ReportDispatcher d = started(config(10_000, false), named("many", r));
        AtomicInteger ids = new AtomicInteger();
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread p = new Thread(() -> {
                for (int i = 0; i < 250; i++) {
                    try {
                        d.enqueue(event("p" + ids.incrementAndGet()));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            producers.add(p);
            p.start();
        }
        for (Thread p : producers) {
            p.join();
        }
        drive("all delivered", () -> status(d, 0).delivered() == 1000, d);
        assertEquals(1000, r.calledIds().stream().distinct().count());
    }
}
