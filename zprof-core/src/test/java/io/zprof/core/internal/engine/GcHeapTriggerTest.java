package io.zprof.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.GcHeapConfig;
import io.zprof.api.config.GcMonitorMode;
import io.zprof.api.model.ArtifactRef;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.DumpRequest;
import io.zprof.api.model.Metric;
import io.zprof.api.model.ReportEvent;
import io.zprof.api.spi.CollectorProvider;
import io.zprof.api.spi.DumperProvider;
import io.zprof.core.fixtures.EngineHarness;
import io.zprof.core.fixtures.FakeDumperProvider;
import io.zprof.core.fixtures.FakeLoader;
import io.zprof.core.fixtures.Poll;
import io.zprof.core.fixtures.ScriptedCollectorProvider;
import io.zprof.core.status.RuleStatus;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GC-heap rule: its state machine, then the real thing with forced GCs and a retained heap. */
class GcHeapTriggerTest {
    private static final long T0 = Instant.parse("2026-01-02T03:04:05Z").toEpochMilli();
    private static final GcHeapConfig CFG = GcHeapConfig.defaults().enabled(true).triggerRatio(0.7).dumpCount(2)
            .cooldown(Duration.ofMinutes(5));

    @TempDir
    Path tmp;

    private final GcHeapTrigger trigger = new GcHeapTrigger();

    @Test
    void doesNotFireAtOrBelowTheRatio() {
        assertEquals(GcHeapTrigger.Action.NONE, trigger.onGc(CFG, 0.5, T0, 1));
        assertEquals("not fired: heap after GC 50.0% <= ratio 70.0%", trigger.reason());
        assertEquals(GcHeapTrigger.Action.NONE, trigger.onGc(CFG, 0.7, T0, 2), "strict: equal does not fire");
        assertEquals(0L, trigger.firedCount());
        assertEquals(0.7, trigger.lastRatio());
    }

    @Test
    void firesThenCapturesAtTheNextGcsIgnoringThoseDuringACaptureThenCoolsDown() {
        assertEquals(GcHeapTrigger.Action.CAPTURE, trigger.onGc(CFG, 0.8, T0, 111));
        assertEquals("fired: heap after GC 80.0% > ratio 70.0% (capture 1/2)", trigger.reason());
        assertEquals(1, trigger.capturedInSeries());
        assertEquals(111L, trigger.seriesId());
        assertEquals(1L, trigger.firedCount());
        assertEquals(T0, trigger.lastFired());

        assertEquals(GcHeapTrigger.Action.NONE, trigger.onGc(CFG, 0.95, T0 + 10, 112), "a heap dump forces a GC: ignored");
        assertEquals("capture 1/2 running; GC ignored", trigger.reason());

        trigger.captureDone(CFG, T0 + 100);
        assertEquals(GcHeapTrigger.Action.CAPTURE, trigger.onGc(CFG, 0.1, T0 + 200, 113),
                "the series goes on at the next GC whatever its ratio (for a diff)");
        assertEquals("fired: capture 2/2 at the next GC (heap after GC 10.0%)", trigger.reason());
        assertEquals(111L, trigger.seriesId(), "same series");
        assertEquals(1L, trigger.firedCount(), "one firing, two captures");

        assertEquals(GcHeapTrigger.Action.NONE, trigger.onGc(CFG, 0.99, T0 + 210, 114));
        trigger.captureDone(CFG, T0 + 300);
        long until = T0 + 300 + Duration.ofMinutes(5).toMillis();

        assertEquals(GcHeapTrigger.Action.NONE, trigger.onGc(CFG, 0.99, until - 1, 115));
        assertEquals("cooldown until " + Instant.ofEpochMilli(until) + " (heap after GC 99.0%)", trigger.reason());

        assertEquals(GcHeapTrigger.Action.CAPTURE, trigger.onGc(CFG, 0.99, until, 116), "fires again when the cooldown ends");
        assertEquals(116L, trigger.seriesId(), "a new series");
        assertEquals(1, trigger.capturedInSeries());
        assertEquals(2L, trigger.firedCount());
    }

    @Test
    void aSingleCaptureSeriesCoolsDownRightAway() {
        GcHeapConfig one = CFG.dumpCount(1);
        assertEquals(GcHeapTrigger.Action.CAPTURE, trigger.onGc(one, 0.9, T0, 1));
        trigger.captureDone(one, T0 + 50);
        assertEquals(GcHeapTrigger.Action.NONE, trigger.onGc(one, 0.9, T0 + 60, 2));
        assertTrue(trigger.reason().startsWith("cooldown until "), trigger.reason());
    }

    @Test
    void longerSeriesCaptureAtEachFollowingGc() {
        GcHeapConfig three = CFG.dumpCount(3);
        List<GcHeapTrigger.Action> actions = new ArrayList<>();
        long t = T0;
        for (double ratio : new double[] {0.9, 0.2, 0.2, 0.9}) {
            actions.add(trigger.onGc(three, ratio, t, t));
            trigger.captureDone(three, t + 1);
            t += 1000;
        }
        assertEquals(List.of(GcHeapTrigger.Action.CAPTURE, GcHeapTrigger.Action.CAPTURE, GcHeapTrigger.Action.CAPTURE,
                GcHeapTrigger.Action.NONE), actions);
    }

    @Test
    void anAbandonedSeriesStartsOverButKeepsTheCount() {
        assertEquals(GcHeapTrigger.Action.CAPTURE, trigger.onGc(CFG, 0.9, T0, 1));
        trigger.abandonSeries();
        assertEquals(GcHeapTrigger.Action.CAPTURE, trigger.onGc(CFG, 0.9, T0 + 1000, 2));
        assertEquals(2L, trigger.seriesId());
        assertEquals(1, trigger.capturedInSeries());
        assertEquals(2L, trigger.firedCount());
    }

    @Test
    void disabledNeverFires() {
        assertEquals(GcHeapTrigger.Action.NONE, trigger.onGc(CFG.enabled(false), 0.99, T0, 1));
        assertEquals("disabled", trigger.reason());
    }

    /** Retains about 2 % of the heap's ceiling, so that occupancy after a full GC is above a 1 % ratio. */
    private static List<byte[]> retainTwoPercentOfTheHeap() {
        long ceiling = Runtime.getRuntime().maxMemory();
        List<byte[]> retained = new ArrayList<>();
        for (long kept = 0; kept < ceiling / 50; kept += 1 << 20) {
            retained.add(new byte[1 << 20]);
        }
        return retained;
    }

    @Test
    void engineCapturesTwiceOnRealGcsAndLinksTheSeries() throws Exception {
        List<byte[]> retained = retainTwoPercentOfTheHeap();
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        FakeDumperProvider heap = new FakeDumperProvider("fakeheap", 0, DumpKind.HEAP).behaviour(r -> {
            if (r.related().isEmpty()) {
                firstRunning.countDown();
                FakeDumperProvider.await(releaseFirst, Duration.ofSeconds(20));
            }
            return FakeDumperProvider.writeSmallFile(r);
        });
        ScriptedCollectorProvider collector = new ScriptedCollectorProvider("scripted", 0, Metric.JVM_THREADS);
        FakeLoader loader = new FakeLoader().with(CollectorProvider.class, collector).with(DumperProvider.class, heap);
        try (EngineHarness h = new EngineHarness(EngineHarness.config(tmp.resolve("dumps"))
                .gcHeap(g -> g.enabled(true).mode(GcMonitorMode.POLL).triggerRatio(0.01).dumpCount(2)
                        .cooldown(Duration.ofMinutes(10)))
                .build(), loader).start()) {
            assertTrue(FakeDumperProvider.await(firstRunning, Poll.DEFAULT), "the rule fired on a real GC");
            long gcs = h.counter("gcObserved");
            Poll.until("another GC while the first capture runs", () -> h.counter("gcObserved") > gcs);
            assertEquals(1, heap.requests().size(), "GCs during a capture are ignored");
            releaseFirst.countDown();

            ReportEvent first = h.nextEvent();
            ReportEvent second = h.nextEvent();

            assertEquals("gcheap", first.rule());
            assertTrue(first.reason().startsWith("fired: heap after GC ") && first.reason().contains("> ratio 1.0% (capture 1/2)"),
                    first.reason());
            assertTrue(second.reason().startsWith("fired: capture 2/2 at the next GC"), second.reason());
            assertTrue(first.value() > 1.0, "the value is the occupancy in percent: " + first.value());
            List<DumpRequest> requests = heap.requests();
            assertEquals(2, requests.size());
            assertEquals(List.of(), requests.get(0).related());
            List<Path> firstArtifacts = first.artifacts().stream().map(ArtifactRef::path).toList();
            assertEquals(2, firstArtifacts.size(), "heap file and timeline: " + firstArtifacts);
            assertTrue(requests.get(1).related().containsAll(firstArtifacts),
                    "the second capture sees the first one's files for a diff: " + requests.get(1).related());
            assertEquals(first.eventId(), requests.get(0).eventId());
            assertEquals(second.eventId(), requests.get(1).eventId());

            Poll.until("the series to end in a cooldown", () -> h.rule("gcheap").reason().startsWith("cooldown until "));
            RuleStatus s = h.rule("gcheap");
            assertEquals(1L, s.firedCount());
            assertEquals(2, heap.requests().size(), "no capture during the cooldown");
        } finally {
            Reference.reachabilityFence(retained);
        }
    }

    @Test
    void aSeriesCutShortByStopDoesNotBlockTheRuleAfterARestart() throws Exception {
        List<byte[]> retained = retainTwoPercentOfTheHeap();
        CountDownLatch threadDumpsRunning = new CountDownLatch(2);
        FakeDumperProvider dumper = new FakeDumperProvider("fake", 0, DumpKind.THREADS, DumpKind.HEAP).behaviour(r -> {
            if (r.kind() == DumpKind.THREADS) {
                threadDumpsRunning.countDown();
                FakeDumperProvider.await(new CountDownLatch(1), Duration.ofMinutes(1));
            }
            return FakeDumperProvider.writeSmallFile(r);
        });
        ScriptedCollectorProvider collector = new ScriptedCollectorProvider("scripted", 0, Metric.JVM_THREADS)
                .set(Metric.JVM_THREADS, 500);
        var withoutGc = EngineHarness.config(tmp.resolve("dumps"))
                .threads(r -> r.enabled(true).min(1).abs(100).diff(0).max(0).cooldown(Duration.ZERO).dumps(DumpKind.THREADS));
        var withGc = withoutGc.gcHeap(g -> g.enabled(true).mode(GcMonitorMode.POLL).triggerRatio(0.01).dumpCount(1)
                .cooldown(Duration.ZERO)).build();
        try (EngineHarness h = new EngineHarness(withoutGc.build(), new FakeLoader().with(CollectorProvider.class, collector)
                .with(DumperProvider.class, dumper)).start()) {
            h.cycle();
            h.cycle();
            assertTrue(FakeDumperProvider.await(threadDumpsRunning, Poll.DEFAULT), "both capture workers are busy");
            h.engine().update(withGc, io.zprof.api.config.ConfigProperties.empty());
            Poll.until("the GC rule to fire and queue its capture", () -> h.rule("gcheap").firedCount() == 1);

            h.engine().stop();
            h.engine().start();

            Poll.until("a heap capture after the restart", Poll.DEFAULT, () -> dumper.requests().stream().anyMatch(r -> r.kind() == DumpKind.HEAP),
                    () -> "gcheap: " + h.rule("gcheap").reason());
        } finally {
            Reference.reachabilityFence(retained);
        }
    }
}
