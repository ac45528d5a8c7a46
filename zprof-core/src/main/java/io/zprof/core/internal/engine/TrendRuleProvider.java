package io.zprof.core.internal.engine;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ConfigurationException;
import io.zprof.api.config.ZprofConfig;
import io.zprof.api.port.Rule;
import io.zprof.api.spi.RuleContext;
import io.zprof.api.spi.RuleProvider;
import java.util.Set;

/**
 * The {@code trend} rule type ({@link TrendRule}). Settings: {@code rate} (required, &gt; 0: the slope to exceed,
 * in the metric's unit per minute) and {@code samples} (how many of the latest samples the slope is fitted to,
 * 3 to 10000, default 10).
 */
public final class TrendRuleProvider implements RuleProvider {
    /** This type's name. */
    public static final String NAME = "trend";
    /** Samples the slope is fitted to when {@code samples} is not set. */
    static final int DEFAULT_SAMPLES = 10;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> settingKeys() {
        return Set.of("rate", "samples");
    }

    @Override
    public Rule create(RuleContext context) {
        ConfigProperties s = context.settings();
        double rate = RuleSettings.requiredDouble(s, "rate");
        if (!(rate > 0)) {
            throw new ConfigurationException(s.fullKey("rate"), s.get("rate"), "must be > 0 (a growth per minute)");
        }
        int samples = s.get("samples") == null ? DEFAULT_SAMPLES
                : RuleSettings.requiredInt(s, "samples", 3, ZprofConfig.MAX_WINDOW);
        return new TrendRule(rate, samples);
    }
}
