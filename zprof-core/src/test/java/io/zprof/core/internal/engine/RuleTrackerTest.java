package io.zprof.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ThresholdRuleConfig;
import io.zprof.api.model.Decision;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.Metric;
import io.zprof.api.model.Verdict;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The state a rule keeps between cycles: window, warm-up count, cooldown. */
class RuleTrackerTest {
    private static final long T0 = 1_767_323_045_000L;

    /** Growth only (abs off), min 0, 1-minute cooldown. */
    private static ThresholdRuleConfig growth(double diff) {
        return new ThresholdRuleConfig("memory", true, 0, 0, diff, Duration.ofMinutes(1), 0, List.of(DumpKind.HEAP));
    }

    @Test
    void averageIsOfTheSamplesBeforeTheCurrentOne() {
        RuleTracker t = new RuleTracker("memory", Metric.MEMORY_PERCENT, 5);
        Decision first = eval(t, growth(50), 0, 10, T0);
        assertTrue(Double.isNaN(first.average()), "nothing before the first sample: " + first.average());

        eval(t, growth(50), 0, 11, T0);
        eval(t, growth(50), 0, 12, T0);
        Decision d = eval(t, growth(50), 0, 100, T0);

        assertEquals(11.0, d.average(), 1e-9, "mean of 10, 11, 12; the current 100 is not in it");
        assertEquals(Verdict.FIRED_GROWTH, d.verdict(), d.reason());
    }

    @Test
    void windowLengthIsHonoured() {
        RuleTracker t = new RuleTracker("memory", Metric.MEMORY_PERCENT, 3);
        for (double v : new double[] {1000, 10, 20, 30}) {
            eval(t, growth(0), 0, v, T0);
        }
        Decision d = eval(t, growth(0), 0, 40, T0);
        assertEquals(20.0, d.average(), 1e-9, "only the last 3 samples (10, 20, 30); 1000 fell out of the window");
        assertEquals(3, t.windowSize());
    }

    @Test
    void warmUpCountsSamplesThenTheNextMayFire() {
        RuleTracker t = new RuleTracker("memory", Metric.MEMORY_PERCENT, 10);
        ThresholdRuleConfig abs = new ThresholdRuleConfig("memory", true, 10, 50, 0, Duration.ZERO, 0, List.of());
        assertEquals("warm-up: 0/3 samples", eval(t, abs, 3, 99, T0).reason());
        assertEquals("warm-up: 1/3 samples", eval(t, abs, 3, 99, T0).reason());
        assertEquals("warm-up: 2/3 samples", eval(t, abs, 3, 99, T0).reason());
        assertEquals(Verdict.FIRED_ABSOLUTE, eval(t, abs, 3, 99, T0).verdict());
    }

    @Test
    void missingSamplesNeitherCountForWarmUpNorEnterTheWindow() {
        RuleTracker t = new RuleTracker("cpu", Metric.CPU_PERCENT, 10);
        ThresholdRuleConfig abs = new ThresholdRuleConfig("cpu", true, 10, 50, 0, Duration.ZERO, 0, List.of());
        assertEquals(Verdict.NO_DATA, eval(t, abs, 1, Double.NaN, T0).verdict());
        assertEquals("warm-up: 0/1 samples", eval(t, abs, 1, 40, T0).reason());
        Decision d = eval(t, abs, 1, 60, T0);
        assertEquals(Verdict.FIRED_ABSOLUTE, d.verdict());
        assertEquals(40.0, d.average(), "the NaN sample is not averaged in");
    }

    @Test
    void cooldownStartsWhenItFires() {
        RuleTracker t = new RuleTracker("threads", Metric.JVM_THREADS, 10);
        ThresholdRuleConfig abs = new ThresholdRuleConfig("threads", true, 10, 50, 0, Duration.ofSeconds(30), 0, List.of());
        assertTrue(eval(t, abs, 0, 99, T0).fired());
        assertEquals(T0, t.lastFiredMillis());

        Decision during = eval(t, abs, 0, 99, T0 + 29_999);
        assertEquals(Verdict.COOLDOWN, during.verdict());
        assertEquals(T0 + 30_000, during.untilEpochMillis());
        assertTrue(eval(t, abs, 0, 99, T0 + 30_000).fired(), "fires again exactly at the end of the cooldown");
        assertEquals(2, t.firedCount());
        assertEquals(T0 + 30_000, t.lastFiredMillis());
    }

    @Test
    void resetWindowKeepsWarmUpAndCooldown() {
        RuleTracker t = new RuleTracker("threads", Metric.JVM_THREADS, 4);
        ThresholdRuleConfig abs = new ThresholdRuleConfig("threads", true, 10, 50, 0, Duration.ofMinutes(1), 0, List.of());
        eval(t, abs, 2, 20, T0);
        eval(t, abs, 2, 20, T0);
        assertTrue(eval(t, abs, 2, 99, T0).fired());

        t.resetWindow(6);

        assertEquals(6, t.windowSize());
        Decision d = eval(t, abs, 2, 99, T0 + 1000);
        assertEquals(Verdict.COOLDOWN, d.verdict(), "cooldown survives a window reset");
        assertTrue(Double.isNaN(d.average()), "the new window starts empty");
        assertEquals(Verdict.FIRED_ABSOLUTE, eval(t, abs, 2, 99, T0 + 60_000).verdict(),
                "warm-up is not repeated after a reset");
    }

    @Test
    void lastDecisionIsKeptForStatus() {
        RuleTracker t = new RuleTracker("osthreads", Metric.OS_THREADS, 4);
        ThresholdRuleConfig c = new ThresholdRuleConfig("osthreads", true, 30, 0, 0, Duration.ZERO, 0, List.of());
        assertEquals(null, t.lastDecision());
        eval(t, c, 0, 27, T0);
        assertEquals("not fired: 27.0 <= min 30.0", t.lastDecision().reason());
    }

    @Test
    void windowMeanStaysExactOverManyLaps() {
        DoubleWindow w = new DoubleWindow(7);
        assertTrue(Double.isNaN(w.mean()));
        for (int i = 0; i < 1_000_000; i++) {
            w.add(i % 2 == 0 ? 1e9 : 0.1);
        }
        w.add(1);
        w.add(2);
        w.add(3);
        w.add(4);
        w.add(5);
        w.add(6);
        w.add(7);
        assertEquals(4.0, w.mean(), 1e-6, "rounding residue of values that left the window stays bounded");
    }

    /** Evaluates and returns the full decision (the tracker itself returns only whether it fired). */
    private static Decision eval(RuleTracker t, io.zprof.api.config.ThresholdRuleConfig c, int warmup, double v, long now) {
        boolean fired = TrackerDriver.evaluate(t, c, warmup, v, now);
        Decision d = t.lastDecision();
        org.junit.jupiter.api.Assertions.assertEquals(fired, d.fired());
        return d;
    }
}
