package io.zprof.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ThresholdRuleConfig;
import io.zprof.api.model.Decision;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every branch and suppression of the threshold rule (design.md, "Rule semantics"), one row each. Columns: the
 * rule's settings, the sample, its window average, samples seen before it, warm-up length, how long ago the rule
 * last fired (blank: never) and the cooldown; then the expected verdict and, for representative rows, the reason
 * ({until} stands for the end of the cooldown).
 */
class ThresholdRuleTest {
    private static final long NOW = Instant.parse("2026-01-02T03:04:05Z").toEpochMilli();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        # case                                      | on    | min | abs | diff | max | current | average | before | warmup | fired ago | cooldown | verdict        | reason
        abs fires                                   | true  | 30  | 80  | 25   | 0   | 92.1    | 90      | 10     | 10     |           | 60000    | FIRED_ABSOLUTE | fired: 92.1 > abs 80.0
        abs is strict: equal does not fire          | true  | 30  | 80  | 25   | 0   | 80      | 80      | 10     | 10     |           | 60000    | WITHIN_LIMITS  | not fired: 80.0 within abs/diff (average 80.0)
        abs: just above fires                       | true  | 30  | 80  | 25   | 0   | 80.001  | 80      | 10     | 10     |           | 60000    | FIRED_ABSOLUTE |
        abs needs current > min (abs = min)         | true  | 30  | 30  | 0    | 0   | 30      | 20      | 10     | 10     |           | 60000    | BELOW_MIN      | not fired: 30.0 <= min 30.0
        abs = min: above both fires                 | true  | 30  | 30  | 0    | 0   | 30.5    | 20      | 10     | 10     |           | 60000    | FIRED_ABSOLUTE | fired: 30.5 > abs 30.0
        below min                                   | true  | 30  | 80  | 25   | 0   | 27      | 20      | 10     | 10     |           | 60000    | BELOW_MIN      | not fired: 27.0 <= min 30.0
        below min even far above the average        | true  | 30  | 0   | 25   | 0   | 29      | 1       | 10     | 10     |           | 60000    | BELOW_MIN      | not fired: 29.0 <= min 30.0
        abs = 0 disables the absolute branch        | true  | 30  | 0   | 0    | 0   | 1000    | 1000    | 10     | 10     |           | 60000    | WITHIN_LIMITS  |
        growth fires                                | true  | 30  | 0   | 25   | 0   | 50.1    | 40      | 10     | 10     |           | 60000    | FIRED_GROWTH   | fired: 50.1 is 25.3% above average 40.0 > diff 25.0%
        growth is strict: equal does not fire       | true  | 30  | 0   | 25   | 0   | 50      | 40      | 10     | 10     |           | 60000    | WITHIN_LIMITS  | not fired: 50.0 within abs/diff (average 40.0)
        growth needs current > min                  | true  | 30  | 0   | 25   | 0   | 30      | 10      | 10     | 10     |           | 60000    | BELOW_MIN      |
        diff = 0 disables growth                    | true  | 30  | 0   | 0    | 0   | 100     | 10      | 10     | 10     |           | 60000    | WITHIN_LIMITS  |
        average NaN: no growth                      | true  | 30  | 0   | 25   | 0   | 100     | NaN     | 10     | 10     |           | 60000    | WITHIN_LIMITS  | not fired: 100.0 within abs/diff (average n/a)
        average 0: no growth                        | true  | 0   | 0   | 25   | 0   | 100     | 0       | 10     | 10     |           | 60000    | WITHIN_LIMITS  |
        abs and growth both hold: abs reported      | true  | 30  | 80  | 25   | 0   | 100     | 40      | 10     | 10     |           | 60000    | FIRED_ABSOLUTE |
        growth fires below abs                      | true  | 30  | 80  | 25   | 0   | 60      | 40      | 10     | 10     |           | 60000    | FIRED_GROWTH   | fired: 60.0 is 50.0% above average 40.0 > diff 25.0%
        warm-up: an early sample never fires        | true  | 30  | 80  | 25   | 0   | 99      | 40      | 3      | 10     |           | 60000    | WARMUP         | warm-up: 3/10 samples
        warm-up: the last warm-up sample never fires| true  | 30  | 80  | 25   | 0   | 99      | 40      | 9      | 10     |           | 60000    | WARMUP         | warm-up: 9/10 samples
        warm-up: the next sample may fire           | true  | 30  | 80  | 25   | 0   | 99      | 40      | 10     | 10     |           | 60000    | FIRED_ABSOLUTE | fired: 99.0 > abs 80.0
        no warm-up: the first sample may fire       | true  | 30  | 80  | 25   | 0   | 99      | NaN     | 0      | 0      |           | 60000    | FIRED_ABSOLUTE |
        cooldown: 1 ms before its end               | true  | 30  | 80  | 25   | 0   | 99      | 40      | 10     | 10     | 59999     | 60000    | COOLDOWN       | cooldown until {until} (current value 99.0)
        cooldown: fires exactly at its end          | true  | 30  | 80  | 25   | 0   | 99      | 40      | 10     | 10     | 60000     | 60000    | FIRED_ABSOLUTE |
        cooldown 0: may fire again at once          | true  | 30  | 80  | 25   | 0   | 99      | 40      | 10     | 10     | 0         | 0        | FIRED_ABSOLUTE |
        cooldown long over                          | true  | 30  | 80  | 25   | 0   | 99      | 40      | 10     | 10     | 3600000   | 60000    | FIRED_ABSOLUTE |
        max: above max never fires                  | true  | 100 | 300 | 25   | 500 | 600     | 100     | 10     | 10     |           | 60000    | OVER_MAX       | not fired: 600.0 > max 500.0 (overloaded, capture suppressed)
        max is strict: equal to max may fire        | true  | 100 | 300 | 25   | 500 | 500     | 100     | 10     | 10     |           | 60000    | FIRED_ABSOLUTE | fired: 500.0 > abs 300.0
        max = 0: no max                             | true  | 100 | 300 | 25   | 0   | 1e9     | 100     | 10     | 10     |           | 60000    | FIRED_ABSOLUTE |
        disabled                                    | false | 30  | 80  | 25   | 0   | 99      | 40      | 10     | 10     |           | 60000    | DISABLED       | disabled
        disabled wins over no data                  | false | 30  | 80  | 25   | 0   | NaN     | 40      | 10     | 10     |           | 60000    | DISABLED       |
        no data                                     | true  | 30  | 80  | 25   | 0   | NaN     | 40      | 10     | 10     |           | 60000    | NO_DATA        | no data: no sample of this metric yet
        no data wins over warm-up                   | true  | 30  | 80  | 25   | 0   | NaN     | NaN     | 0      | 10     |           | 60000    | NO_DATA        |
        warm-up wins over cooldown                  | true  | 30  | 80  | 25   | 0   | 99      | 40      | 3      | 10     | 10        | 60000    | WARMUP         |
        cooldown wins over max                      | true  | 100 | 300 | 25   | 500 | 600     | 100     | 10     | 10     | 10        | 60000    | COOLDOWN       |
        max wins over min                           | true  | 100 | 300 | 25   | 500 | 501     | 600     | 10     | 10     |           | 60000    | OVER_MAX       |
        within limits                               | true  | 30  | 80  | 25   | 0   | 50      | 45      | 10     | 10     |           | 60000    | WITHIN_LIMITS  | not fired: 50.0 within abs/diff (average 45.0)
        """)
    void evaluates(String row, boolean on, double min, double abs, double diff, double max, double current,
                   double average, int before, int warmup, Long firedAgoMillis, long cooldownMillis, Verdict expected,
                   String reason) {
        ThresholdRuleConfig cfg = new ThresholdRuleConfig("cpu", on, min, abs, diff, Duration.ofMillis(cooldownMillis),
                max, List.of(DumpKind.CPU));
        long lastFired = firedAgoMillis == null ? Long.MIN_VALUE : NOW - firedAgoMillis;
        Decision d = ThresholdRule.decide(cfg, current, average, before, warmup, NOW, lastFired);

        assertEquals(expected, d.verdict(), () -> row + ": " + d.reason());
        assertEquals(expected.fired(), d.fired());
        assertEquals("cpu", d.rule());
        assertEquals(current, d.current());
        assertEquals(average, d.average());
        assertEquals(d, ThresholdRule.decide(cfg, current, average, before, warmup, NOW, lastFired),
                "a rule is a pure function of its input");
        switch (expected) {
            case FIRED_ABSOLUTE -> assertEquals(abs, d.threshold(), "decided by abs");
            case FIRED_GROWTH -> assertEquals(diff, d.threshold(), "decided by diff");
            case OVER_MAX -> assertEquals(max, d.threshold(), "decided by max");
            case BELOW_MIN -> assertEquals(min, d.threshold(), "decided by min");
            case COOLDOWN -> assertEquals(lastFired + cooldownMillis, d.untilEpochMillis());
            case WARMUP -> assertEquals(before + "/" + warmup, d.samplesSeen() + "/" + d.samplesNeeded());
            default -> assertTrue(Double.isNaN(d.threshold()), "no threshold decided " + expected);
        }
        if (reason != null) {
            String expectedReason = reason.replace("{until}", Instant.ofEpochMilli(lastFired + cooldownMillis).toString());
            assertEquals(expectedReason, d.reason());
        }
    }
}
