package io.zprof.core.internal.engine;

import io.zprof.api.model.Decision;
import io.zprof.core.status.RuleStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The rules in force and their state (warm-up, window, cooldown), carried from one configuration to the next.
 * Changed only by {@link #apply} under the engine's cycle lock; the cycle walks an array, without an iterator.
 */
final class RuleSet {
    private final Map<String, RuleTracker> byName = new LinkedHashMap<>();
    private volatile RuleTracker[] active = new RuleTracker[0];

    /**
     * Puts a configuration's rules in force. A rule keeps its warm-up, cooldown and window when it stays, watching
     * the same metric; its window restarts only when its length or the interval changes.
     *
     * @param plans           the rules, made and checked
     * @param intervalChanged whether the sampling interval changed
     */
    void apply(List<RulePlan> plans, boolean intervalChanged) {
        Map<String, RuleTracker> next = new LinkedHashMap<>();
        for (RulePlan p : plans) {
            RuleTracker t = byName.get(p.name());
            if (t == null || t.metric != p.metric()) {
                t = new RuleTracker(p.name(), p.metric(), p.windowSize());
            } else if (intervalChanged || t.windowSize() != p.windowSize()) {
                t.resetWindow(p.windowSize());
            }
            t.configure(p);
            next.put(p.name(), t);
        }
        byName.clear();
        byName.putAll(next);
        active = next.values().toArray(new RuleTracker[0]);
    }

    /**
     * Evaluates every enabled rule against this cycle's samples.
     *
     * @param table the cycle's samples
     * @param now   the cycle's time, epoch milliseconds
     * @param fire  told of each rule that fires, in configuration order
     */
    void evaluate(MetricTable table, long now, Consumer<RuleTracker> fire) {
        for (RuleTracker t : active) {
            if (t.enabled() && t.evaluate(table.get(t.metric), now)) {
                fire.accept(t);
            }
        }
    }

    /** @return each rule's last decision, for status() */
    List<RuleStatus> statuses() {
        List<RuleStatus> out = new ArrayList<>();
        for (RuleTracker t : active) {
            Decision d = t.lastDecision();
            String reason = !t.enabled() ? "disabled" : d == null ? "not evaluated yet" : d.reason();
            out.add(new RuleStatus(t.rule, t.enabled(), d == null ? Double.NaN : d.current(),
                    d == null ? Double.NaN : d.average(), reason, t.firedCount(),
                    t.lastFiredMillis() == Long.MIN_VALUE ? null : Instant.ofEpochMilli(t.lastFiredMillis())));
        }
        return out;
    }
}
