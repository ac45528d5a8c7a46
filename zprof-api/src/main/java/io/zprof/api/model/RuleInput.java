package io.zprof.api.model;

import io.zprof.api.config.ThresholdRuleConfig;

/**
 * Everything a threshold rule needs to decide, so that rules stay pure functions: no clock, no I/O.
 *
 * @param config          the rule's configuration
 * @param current         the new sample
 * @param average         mean of the window of samples before {@code current}; NaN when the window is empty
 * @param samplesBefore   how many samples this rule saw before {@code current}
 * @param warmupCycles    how many samples never fire (they fill the baseline)
 * @param nowEpochMillis  time of the sample
 * @param lastFiredEpochMillis when the rule last fired, or {@link Long#MIN_VALUE} if never
 */
public record RuleInput(ThresholdRuleConfig config, double current, double average, int samplesBefore,
                        int warmupCycles, long nowEpochMillis, long lastFiredEpochMillis) {
}
