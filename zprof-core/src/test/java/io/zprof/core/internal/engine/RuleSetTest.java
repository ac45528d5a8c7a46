package io.zprof.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.Metric;
import io.zprof.api.model.MetricSource;
import io.zprof.core.fixtures.FakeLoader;
import io.zprof.core.status.RuleStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules in force: what an applied configuration keeps of each rule's state, evaluation and statuses. */
class RuleSetTest {
    private static final long T0 = 1_767_323_045_000L;
    private final RuleTypes types = new RuleTypes(new FakeLoader());
    private final RuleSet rules = new RuleSet();
    private final MetricTable table = new MetricTable();

    private List<RulePlan> threads(double abs, int window) {
        return types.plan(ZprofConfig.builder().warmupCycles(0).windowSize(window)
                .threads(r -> r.enabled(true).min(1).abs(abs).diff(0).max(0).cooldown(Duration.ofMinutes(1)))
                .build());
    }

    private List<String> evaluate(double threads, long now) {
        table.clear();
        table.put(Metric.JVM_THREADS, threads, MetricSource.JVM);
        List<String> fired = new ArrayList<>();
        rules.evaluate(table, now, t -> fired.add(t.rule));
        return fired;
    }

    private RuleStatus status(String rule) {
        return rules.statuses().stream().filter(s -> s.rule().equals(rule)).findFirst().orElseThrow();
    }

    @Test
    void beforeAnyCycleEachEnabledRuleSaysItWasNotEvaluatedAndDisabledOnesSaySo() {
        rules.apply(threads(100, 5), false);
        assertEquals("not evaluated yet", status("threads").reason());
        assertTrue(rules.statuses().stream().filter(s -> !s.enabled()).allMatch(s -> s.reason().equals("disabled")));
    }

    @Test
    void onlyTheRulesThatFireAreHandedOnAndTheirStatusSaysWhen() {
        rules.apply(threads(100, 5), false);
        assertEquals(List.of(), evaluate(50, T0));
        assertEquals(List.of("threads"), evaluate(500, T0 + 1000));
        assertEquals(1, status("threads").firedCount());
        assertNotNull(status("threads").lastFired());
        assertEquals(500.0, status("threads").value());
    }

    @Test
    void aRuleThatStaysKeepsItsCooldownAcrossANewConfiguration() {
        rules.apply(threads(100, 5), false);
        assertEquals(List.of("threads"), evaluate(500, T0));
        rules.apply(threads(200, 5), false);
        assertEquals(List.of(), evaluate(500, T0 + 1000), "still in the cooldown the first configuration started");
        assertEquals(1, status("threads").firedCount(), "its count survives too");
        assertEquals(List.of("threads"), evaluate(500, T0 + Duration.ofMinutes(2).toMillis()));
    }

    @Test
    void itsWindowRestartsOnlyWhenItsLengthOrTheIntervalChanges() {
        rules.apply(threads(1000, 5), false);
        evaluate(10, T0);
        evaluate(20, T0 + 1);
        rules.apply(threads(1000, 5), false);
        evaluate(30, T0 + 2);
        assertEquals(15.0, status("threads").average(), 1e-9, "same window: 10 and 20 are still in it");

        rules.apply(threads(1000, 5), true);
        evaluate(40, T0 + 3);
        assertTrue(Double.isNaN(status("threads").average()), "the interval changed: a new window");

        evaluate(50, T0 + 4);
        rules.apply(threads(1000, 3), false);
        evaluate(60, T0 + 5);
        assertTrue(Double.isNaN(status("threads").average()), "another length: a new window");
    }
}
