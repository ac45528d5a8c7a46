package io.zprof.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ConfigurationException;
import io.zprof.api.model.Decision;
import io.zprof.api.model.Metric;
import io.zprof.api.model.Verdict;
import io.zprof.api.port.Rule;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code trend} rule, one row per case, through a real tracker: the settings, the samples taken one minute
 * apart unless said (the last one is decided), then the verdict and the reason. No warm-up, no cooldown.
 */
class TrendRuleTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        # case                                 | settings           | step ms | samples                  | fired | reason
        steady growth above the rate fires     | rate=10,samples=3  | 60000   | 10 20 31                 | true  | fired: slope 10.5/min over 3 samples > rate 10.0/min
        slope exactly at the rate does not     | rate=10,samples=3  | 60000   | 10 20 30                 | false | not fired: slope 10.0/min over 3 samples <= rate 10.0/min
        just above the rate fires              | rate=10,samples=3  | 60000   | 10 20 30.1               | true  |
        fewer than K samples never fire        | rate=10,samples=5  | 60000   | 10 100 1000 10000        | false | not fired: 4 of 5 samples for a trend
        flat never fires                       | rate=1,samples=4   | 60000   | 50 50 50 50              | false |
        falling never fires                    | rate=1,samples=4   | 60000   | 80 70 60 50              | false |
        only the last K count                  | rate=10,samples=3  | 60000   | 0 100 200 200 200 200    | false |
        the rate is per minute, not per sample | rate=10,samples=3  | 5000    | 10 11 12                 | true  | fired: slope 12.0/min over 3 samples > rate 10.0/min
        a noisy leak is fitted, not its spikes | rate=5,samples=5   | 60000   | 100 120 104 130 110      | false |
        """)
    void decides(String row, String settings, long step, String samples, boolean fired, String reason) {
        RuleTracker t = new RuleTracker("leak", Metric.RSS_BYTES, 1);
        Rule rule = new TrendRuleProvider().create(SustainedRuleTest.context(settings));
        t.resetWindow(rule.windowSize(10, Duration.ofMillis(step)));
        double[] values = Arrays.stream(samples.trim().split(" +")).mapToDouble(Double::parseDouble).toArray();
        boolean last = false;
        for (int i = 0; i < values.length; i++) {
            last = TrackerDriver.evaluate(t, rule, 0, 0, values[i], 1_000_000 + i * step);
        }
        Decision d = t.lastDecision();
        assertEquals(fired, last, () -> row + ": " + d.reason());
        assertEquals(fired ? Verdict.FIRED : Verdict.NOT_FIRED, d.verdict());
        if (reason != null) {
            assertEquals(reason, d.reason());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        # case           | settings            | key                            | message
        no rate          | samples=5           | zprof.rule.poolbusy.rate       | required
        zero rate        | rate=0              | zprof.rule.poolbusy.rate       | > 0
        negative rate    | rate=-2             | zprof.rule.poolbusy.rate       | > 0
        two samples      | rate=1,samples=2    | zprof.rule.poolbusy.samples    | between 3 and 10000
        """)
    void badSettingsFailNamingTheKey(String row, String settings, String key, String message) {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> new TrendRuleProvider().create(SustainedRuleTest.context(settings)), row);
        assertEquals(key, e.key(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
