package io.zprof.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zprof.api.config.ThresholdRuleConfig;
import io.zprof.api.model.Decision;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.Metric;
import io.zprof.api.model.Verdict;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A rule fed a sequence of samples through its tracker, as the engine does (design.md, "Rule semantics"): the
 * average is the exact mean of the window of finite samples before the current one. Columns: the window length, the
 * rule's abs and diff (min 0, no warm-up, no cooldown), the samples in order (the last one is evaluated), then the
 * expected verdict and window average of that last evaluation.
 */
class RuleWindowTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
        # case                                                  | window | abs | diff | samples                                                              | verdict        | average
        growth over the window before the sample                | 3      | 0   | 25   | 10 10 10 12.6                                                        | FIRED_GROWTH   | 10
        the sample itself is not in its average                 | 3      | 0   | 25   | 10 10 10 12.5                                                        | WITHIN_LIMITS  | 10
        only the last window-length samples count               | 3      | 0   | 25   | 1000 8 8 8 10                                                        | WITHIN_LIMITS  | 8
        exact growth tie after the window wrapped does not fire | 10     | 0   | 25   | 9.2 8.1 0.5 9.8 7.1 2.5 8.7 9.6 7.4 4.2 8.0 8.0 14.7 10              | WITHIN_LIMITS  | 8
        just above the tie after the window wrapped fires       | 10     | 0   | 25   | 9.2 8.1 0.5 9.8 7.1 2.5 8.7 9.6 7.4 4.2 8.0 8.0 14.7 10.000001       | FIRED_GROWTH   | 8
        exact tie over many laps does not fire                  | 4      | 0   | 25   | 0.1 0.7 0.3 1e9 0.1 0.2 3.3 8 8 8 8 10                               | WITHIN_LIMITS  | 8
        a +Infinity sample never enters the window              | 3      | 0   | 25   | 10 Infinity 10 10 12.6                                               | FIRED_GROWTH   | 10
        a -Infinity sample never enters the window              | 3      | 0   | 25   | 10 -Infinity 10 10 12.6                                              | FIRED_GROWTH   | 10
        after +Infinity the window keeps filling and wrapping   | 3      | 0   | 25   | 10 Infinity 10 10 10 10 10 12.6                                      | FIRED_GROWTH   | 10
        a +Infinity sample is no data, not an absolute firing   | 3      | 80  | 25   | 10 10 10 Infinity                                                    | NO_DATA        | 10
        a missing sample (NaN) never enters the window          | 3      | 0   | 25   | 10 NaN 10 10 12.6                                                    | FIRED_GROWTH   | 10
        nothing before the first sample                         | 3      | 0   | 25   | 50                                                                   | WITHIN_LIMITS  | NaN
        absolute fires whatever the window                      | 3      | 80  | 25   | 90 90 90 80.5                                                        | FIRED_ABSOLUTE | 90
        absolute is strict                                      | 3      | 80  | 0    | 10 10 10 80                                                          | WITHIN_LIMITS  | 10
        """)
    void evaluatesTheLastSampleAgainstTheExactMeanOfTheWindowBeforeIt(String row, int window, double abs, double diff,
                                                                       String samples, Verdict expected, double average) {
        ThresholdRuleConfig cfg = new ThresholdRuleConfig("memory", true, 0, abs, diff, Duration.ZERO, 0,
                List.of(DumpKind.HEAP));
        RuleTracker t = new RuleTracker("memory", Metric.MEMORY_PERCENT, window);
        double[] values = Arrays.stream(samples.trim().split(" +")).mapToDouble(Double::parseDouble).toArray();
        for (double v : values) {
            TrackerDriver.evaluate(t, cfg, 0, v, 0);
        }
        Decision d = t.lastDecision();

        assertEquals(expected, d.verdict(), () -> row + ": " + d.reason());
        assertEquals(average, d.average(), 0.0, () -> row + ": the exact mean, " + d.reason());
    }

    @Test
    void anInfiniteSampleIsExplainedAsRejected() {
        ThresholdRuleConfig cfg = new ThresholdRuleConfig("memory", true, 0, 80, 25, Duration.ZERO, 0, List.of());
        RuleTracker t = new RuleTracker("memory", Metric.MEMORY_PERCENT, 3);
        TrackerDriver.evaluate(t, cfg, 0, Double.POSITIVE_INFINITY, 0);
        assertEquals("no data: Infinity is not a measurement (rejected)", t.lastDecision().reason());
    }
}
