package io.zprof.core.internal.engine;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.Metric;
import io.zprof.api.port.Rule;
import java.util.List;
import java.util.Map;

/**
 * One rule as a configuration asks for it, made and checked before the configuration is applied.
 *
 * @param name           the rule's name
 * @param metric         the metric it watches
 * @param rule           the decision
 * @param enabled        whether it is evaluated
 * @param warmup         samples that never fire
 * @param cooldownMillis minimum time between firings
 * @param settings       its own settings, for the rule's input
 * @param dumps          what to capture when it fires
 * @param windowSize     samples its window holds
 * @param thresholds     what events report as its thresholds
 * @param timelineConfig its settings as the timeline shows them
 */
record RulePlan(String name, Metric metric, Rule rule, boolean enabled, int warmup, long cooldownMillis,
                ConfigProperties settings, List<DumpKind> dumps, int windowSize, Map<String, Double> thresholds,
                Map<String, Object> timelineConfig) {
}
