package io.zprof.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ThresholdRuleConfig;
import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.EventType;
import io.zprof.api.model.Metric;
import io.zprof.api.model.ReportEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The named factories of capture jobs: what each kind of capture carries into its event and timeline. */
class CaptureJobTest {
    private static final long T0 = 1_767_323_045_000L;
    private final Generation g = new Generation(3, ZprofConfig.builder().label("app", "shop")
            .gcHeap(c -> c.enabled(true).dumps(List.of(DumpKind.HEAP))).shrink(s -> s.threshold(400)).build(),
            ConfigProperties.empty(), null);
    private final MetricHistory history = new MetricHistory(60);

    @Test
    void aRulesCaptureCarriesItsDecisionAndTellsTheRuleWhenItWroteNothing() {
        RuleTracker t = new RuleTracker("threads", Metric.JVM_THREADS, 5);
        ThresholdRuleConfig abs = new ThresholdRuleConfig("threads", true, 1, 100, 0, Duration.ofMinutes(10), 0,
                List.of(DumpKind.THREADS));
        assertTrue(TrackerDriver.evaluate(t, abs, 0, 500, T0));
        CaptureJob job = CaptureJob.forRule(g, "1", t, T0, history);
        assertEquals("threads", job.rule());
        assertEquals(Metric.JVM_THREADS.key(), job.metric());
        assertEquals(500.0, job.value());
        assertEquals(t.lastDecision().reason(), job.reason());
        assertEquals(Instant.ofEpochMilli(T0), job.time());
        assertSame(history, job.history());
        assertFalse(TrackerDriver.evaluate(t, abs, 0, 500, T0 + 1), "in its cooldown");
        job.onDone().ended(true);
        assertTrue(TrackerDriver.evaluate(t, abs, 0, 500, T0 + RuleTracker.RETRY_AFTER_NOTHING_WRITTEN_MILLIS),
                "a capture that wrote nothing does not hold the rule for its whole cooldown");
    }

    @Test
    void aGcSeriesCaptureCarriesTheRatioInPercentAndItsPlaceInTheSeries() {
        List<Path> earlier = List.of(Path.of("/dumps/1-heap.hprof"));
        CaptureJob job = CaptureJob.forGcSeries(g, "77", 77, 2, 0.93, "heap after GC 93 %", earlier, T0, history, null);
        assertEquals("gcheap", job.rule());
        assertEquals(93.0, job.value(), 1e-9);
        assertEquals(77, job.series());
        assertEquals(2, job.ruleConfig().get("capture"));
        assertEquals(77L, job.ruleConfig().get("series"));
        assertEquals(List.of(DumpKind.HEAP), job.kinds());
        assertEquals(earlier, job.related());
        assertNull(job.metric());
    }

    @Test
    void aShrinkCaptureIsAThreadDumpWithTheShrinkSettings() {
        CaptureJob job = CaptureJob.forShrink(g, "5", 450, "450 threads > 400", T0, history);
        assertEquals("shrink", job.rule());
        assertEquals(List.of(DumpKind.THREADS), job.kinds());
        assertEquals(Map.of("threshold", 400.0), job.thresholds());
        assertEquals(400, job.ruleConfig().get("threshold"));
        assertEquals(450.0, job.value());
    }

    @Test
    void aManualCaptureIsUnderRuleManualAndItsEventCompletesTheCallersFuture() {
        CompletableFuture<ReportEvent> result = new CompletableFuture<>();
        CaptureJob job = CaptureJob.manual(g, "9", Set.of(DumpKind.THREADS, DumpKind.CPU), "ticket 7", T0, history, result);
        assertEquals(CaptureJob.MANUAL_RULE, job.rule());
        assertEquals("ticket 7", job.reason());
        assertEquals(List.of(DumpKind.CPU, DumpKind.THREADS), job.kinds(), "in a stable order");
        assertEquals(Map.of("dumps", List.of("cpu", "threads")), job.ruleConfig());
        assertEquals("rule 'manual', event 9", job.describe());
        ReportEvent e = job.event(EventType.TRIGGER, List.of(), null, job.time(), job.time());
        assertEquals(Map.of("app", "shop"), e.labels(), "the labels of the configuration it was made in");
        assertTrue(Double.isNaN(e.value()));
        assertFalse(result.isDone());
        job.published(e);
        assertSame(e, result.join());
    }
}
