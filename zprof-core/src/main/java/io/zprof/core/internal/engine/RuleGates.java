package io.zprof.core.internal.engine;

import io.zprof.api.model.Decision;
import io.zprof.api.model.Verdict;

/**
 * The cases the engine decides for every rule, whatever its type, before the rule itself is asked: off, no data,
 * warm-up, cooldown (design.md, "Rule semantics", in that order of precedence).
 */
final class RuleGates {
    private RuleGates() {
    }

    /**
     * @param enabled        whether the rule is on
     * @param current        the sample; NaN (missing) or infinite is no data
     * @param samplesBefore  samples the rule saw before it
     * @param warmupCycles   samples that never fire
     * @param now            sample time
     * @param lastFired      what the cooldown counts from, or {@link Long#MIN_VALUE}
     * @param cooldownMillis the cooldown
     * @return the generic verdict, or {@code null} when the rule itself must decide
     */
    static Verdict verdict(boolean enabled, double current, int samplesBefore, int warmupCycles, long now,
                           long lastFired, long cooldownMillis) {
        if (!enabled) {
            return Verdict.DISABLED;
        }
        if (!Double.isFinite(current)) {
            // missing (NaN), or an infinity no measurement yields: nothing to evaluate
            return Verdict.NO_DATA;
        }
        if (samplesBefore < warmupCycles) {
            return Verdict.WARMUP;
        }
        if (lastFired != Long.MIN_VALUE && now < lastFired + cooldownMillis) {
            return Verdict.COOLDOWN;
        }
        return null;
    }

    /** @param v a verdict @return whether {@link #verdict} gives it (the rule was not asked) */
    static boolean isGate(Verdict v) {
        return v == Verdict.DISABLED || v == Verdict.NO_DATA || v == Verdict.WARMUP || v == Verdict.COOLDOWN;
    }

    /**
     * @return the explanation of a generic verdict: no threshold decided it; a cooldown says when it ends
     */
    static Decision decision(String rule, Verdict v, double current, double average, int samplesBefore,
                             int warmupCycles, long lastFired, long cooldownMillis) {
        long until = v == Verdict.COOLDOWN ? lastFired + cooldownMillis : 0;
        return new Decision(rule, v, current, average, Double.NaN, samplesBefore, warmupCycles, until);
    }
}
