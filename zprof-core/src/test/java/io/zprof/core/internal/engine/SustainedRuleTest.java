package io.zprof.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zprof.api.config.ConfigurationException;
import io.zprof.api.model.Decision;
import io.zprof.api.model.Metric;
import io.zprof.api.model.Verdict;
import io.zprof.api.port.Rule;
import io.zprof.api.spi.RuleContext;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code sustained} rule, one row per case, through a real tracker: the settings as written, the samples taken
 * five seconds apart (the last one is decided), then the verdict and the reason. No warm-up, no cooldown.
 */
class SustainedRuleTest {
    private static final long STEP = 5_000;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        # case                                   | settings                          | samples                      | fired | reason
        above for the whole duration fires       | threshold=40,duration=30s         | 50 50 50 50 50 50 50         | true  | fired: above 40.0 for 30s >= 30s
        one sample short of the duration         | threshold=40,duration=30s         | 50 50 50 50 50 50            | false | not fired: above 40.0 for 25s < 30s
        a dip inside the duration restarts it    | threshold=40,duration=30s         | 50 50 50 30 50 50 50         | false | not fired: above 40.0 for 10s < 30s
        a dip before the duration does not count | threshold=40,duration=30s         | 30 50 50 50 50 50 50 50      | true  |
        exactly at the threshold is not above    | threshold=40,duration=30s         | 50 50 50 40 50 50 50         | false |
        the current sample at the threshold      | threshold=40,duration=30s         | 50 50 50 50 50 50 40         | false | not fired: 40.0 <= threshold 40.0
        N of M fires                             | threshold=40,count=3,of=5         | 10 50 10 50 50               | true  | fired: 3 of the last 5 samples above 40.0, at least 3
        N-1 of M does not fire                   | threshold=40,count=3,of=5         | 10 50 10 10 50               | false | not fired: 2 of the last 5 samples above 40.0, fewer than 3
        only the last M count                    | threshold=40,count=3,of=5         | 50 50 10 10 10 50 50         | false |
        N of M with samples at the threshold     | threshold=40,count=3,of=5         | 40 50 40 40 50               | false |
        N of N in a row                          | threshold=40,count=2,of=2         | 10 41 42                     | true  |
        """)
    void decides(String row, String settings, String samples, boolean fired, String reason) {
        RuleTracker t = new RuleTracker("poolbusy", Metric.JVM_THREADS, 1);
        Rule rule = new SustainedRuleProvider().create(context(settings));
        t.resetWindow(rule.windowSize(10, java.time.Duration.ofMillis(STEP)));
        double[] values = Arrays.stream(samples.trim().split(" +")).mapToDouble(Double::parseDouble).toArray();
        boolean last = false;
        for (int i = 0; i < values.length; i++) {
            last = TrackerDriver.evaluate(t, rule, 0, 0, values[i], i * STEP);
        }
        Decision d = t.lastDecision();
        assertEquals(fired, last, () -> row + ": " + d.reason());
        assertEquals(fired ? Verdict.FIRED : Verdict.NOT_FIRED, d.verdict());
        assertEquals(40.0, d.threshold());
        if (reason != null) {
            assertEquals(reason, d.reason());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        # case                     | settings                               | key                             | message
        no threshold               | duration=30s                           | zprof.rule.poolbusy.threshold   | required
        neither duration nor count | threshold=40                           | zprof.rule.poolbusy.duration    | set either
        both duration and count    | threshold=40,duration=30s,count=2,of=3 | zprof.rule.poolbusy.duration    | set either
        count above of             | threshold=40,count=4,of=3              | zprof.rule.poolbusy.count       | between 1 and 3
        of without count           | threshold=40,of=3                      | zprof.rule.poolbusy.count       | required
        zero duration              | threshold=40,duration=0s               | zprof.rule.poolbusy.duration    | > 0
        a threshold not a number   | threshold=high,duration=30s            | zprof.rule.poolbusy.threshold   | high
        """)
    void badSettingsFailNamingTheKey(String row, String settings, String key, String message) {
        ConfigurationException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigurationException.class,
                () -> new SustainedRuleProvider().create(context(settings)), row);
        assertEquals(key, e.key(), e.getMessage());
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void aDurationRuleAsksForAWindowReachingBackOverIt() {
        Rule rule = new SustainedRuleProvider().create(context("threshold=1,duration=1m"));
        assertEquals(14, rule.windowSize(10, java.time.Duration.ofSeconds(5)));
        assertEquals(4, new SustainedRuleProvider().create(context("threshold=1,count=2,of=5"))
                .windowSize(10, java.time.Duration.ofSeconds(5)));
    }

    static RuleContext context(String settings) {
        Map<String, String> m = new java.util.TreeMap<>();
        for (String kv : settings.split(",")) {
            m.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        return new RuleContext("poolbusy", Metric.JVM_THREADS, RuleTypes.scoped("zprof.rule.poolbusy.", m));
    }
}
