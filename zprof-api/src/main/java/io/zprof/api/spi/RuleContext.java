package io.zprof.api.spi;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.model.Metric;

/**
 * What a {@link RuleProvider} gets to make one configured rule.
 *
 * @param rule     the rule's name ({@code zprof.rule.<name>.*})
 * @param metric   the metric it watches
 * @param settings its settings under {@code zprof.rule.<name>.}, with that prefix removed ({@code threshold},
 *                 {@code duration}); {@link ConfigProperties#fullKey} gives the full key for an error
 */
public record RuleContext(String rule, Metric metric, ConfigProperties settings) {
}
