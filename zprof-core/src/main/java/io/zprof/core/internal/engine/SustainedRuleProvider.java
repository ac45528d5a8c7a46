package io.zprof.core.internal.engine;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ConfigurationException;
import io.zprof.api.config.ZprofConfig;
import io.zprof.api.port.Rule;
import io.zprof.api.spi.RuleContext;
import io.zprof.api.spi.RuleProvider;
import java.time.Duration;
import java.util.Set;

/**
 * The {@code sustained} rule type ({@link SustainedRule}). Settings: {@code threshold} (required), and either
 * {@code duration} (e.g. {@code 30s}) or {@code count} with {@code of} (e.g. 3 of 5).
 */
public final class SustainedRuleProvider implements RuleProvider {
    /** This type's name. */
    public static final String NAME = "sustained";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> settingKeys() {
        return Set.of("threshold", "duration", "count", "of");
    }

    @Override
    public Rule create(RuleContext context) {
        ConfigProperties s = context.settings();
        double threshold = RuleSettings.requiredDouble(s, "threshold");
        boolean byDuration = s.get("duration") != null;
        boolean byCount = s.get("count") != null || s.get("of") != null;
        if (byDuration == byCount) {
            throw new ConfigurationException(s.fullKey("duration"), byDuration ? s.get("duration") : "''",
                    "set either " + s.fullKey("duration") + " or " + s.fullKey("count") + " with " + s.fullKey("of"));
        }
        if (byDuration) {
            Duration d = s.getDuration("duration", Duration.ZERO);
            if (d.toMillis() <= 0 || d.compareTo(Duration.ofDays(1)) > 0) {
                throw new ConfigurationException(s.fullKey("duration"), s.get("duration"), "must be > 0 and at most 1d");
            }
            return SustainedRule.forDuration(threshold, d);
        }
        int of = RuleSettings.requiredInt(s, "of", 1, ZprofConfig.MAX_WINDOW);
        int count = RuleSettings.requiredInt(s, "count", 1, of);
        return SustainedRule.countOf(threshold, count, of);
    }
}
