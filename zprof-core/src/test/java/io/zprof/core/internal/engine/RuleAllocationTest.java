package io.zprof.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ThresholdRuleConfig;
import io.zprof.api.model.Metric;
import io.zprof.api.port.Rule;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A quiet evaluation of every built-in rule type, through the {@link Rule} port as the engine's cycle does it,
 * allocates nothing: the tracker is the rule's input and the decision is not built. Counted evaluation by evaluation
 * with the JVM's per-thread allocation counter; like the collector's AllocationTest, 3 % of the rounds may allocate
 * (the JIT re-creating an object escape analysis had removed), while a real allocation shows in every round.
 */
class RuleAllocationTest {
    private static final int ROUNDS = 2000;
    private static final long STEP = 5_000;

    @Test
    void quietEvaluationsAllocateNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported(), "no per-thread allocation counter in this JVM");
        List<Rule> rules = List.of(
                new ThresholdRule(new ThresholdRuleConfig("cpu", true, 20, 80, 25, Duration.ofMinutes(5), 0, List.of())),
                new SustainedRuleProvider().create(SustainedRuleTest.context("threshold=80,duration=30s")),
                new SustainedRuleProvider().create(SustainedRuleTest.context("threshold=80,count=3,of=5")),
                new TrendRuleProvider().create(SustainedRuleTest.context("rate=1000,samples=10")));
        RuleTracker[] trackers = new RuleTracker[rules.size()];
        for (int i = 0; i < trackers.length; i++) {
            trackers[i] = new RuleTracker("r" + i, Metric.CPU_PERCENT, rules.get(i).windowSize(10, Duration.ofMillis(STEP)));
            TrackerDriver.evaluate(trackers[i], rules.get(i), 0, 0, 50, 0);
        }
        long now = STEP;
        for (int i = 0; i < 20 * ROUNDS; i++, now += STEP) {
            round(trackers, i, now); // warm-up: class loading, then the JIT
        }
        int allocatingRounds = 0;
        long total = 0;
        for (int i = 0; i < ROUNDS; i++, now += STEP) {
            long before = threads.getCurrentThreadAllocatedBytes();
            round(trackers, i, now);
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            if (allocated > 0) {
                allocatingRounds++;
                total += allocated;
            }
        }
        assertTrue(allocatingRounds <= ROUNDS * 3 / 100, allocatingRounds + " of " + ROUNDS + " rounds allocated, "
                + total + " bytes in all");
    }

    /** One cycle's evaluations: quiet values (below every threshold, a flat trend). */
    private static void round(RuleTracker[] trackers, int i, long now) {
        double v = 40 + (i % 3);
        for (RuleTracker t : trackers) {
            if (t.evaluate(v, now)) {
                throw new AssertionError("a quiet value fired " + t.rule + ": " + t.lastDecision().reason());
            }
        }
    }
}
