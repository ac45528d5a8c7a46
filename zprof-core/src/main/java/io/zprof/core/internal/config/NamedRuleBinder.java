package io.zprof.core.internal.config;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ConfigurationException;
import io.zprof.api.config.RuleConfig;
import io.zprof.api.model.Metric;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Binds the keys of the rules configured by name, {@code zprof.rule.<name>.<setting>}: the settings every rule has
 * here; the type's own are kept as written for its provider, which the engine asks to check them (it knows the
 * rule types).
 */
final class NamedRuleBinder {
    /** Keys of rules configured by name, relative to {@code zprof.}. */
    static final String RULE_PREFIX = "rule.";

    private NamedRuleBinder() {
    }

    /** @param key relative to {@code zprof.} @return whether it is {@code rule.<name>.<setting>} */
    static boolean isRuleKey(String key) {
        int dot = key.indexOf('.', RULE_PREFIX.length());
        return key.startsWith(RULE_PREFIX) && dot > RULE_PREFIX.length() && dot < key.length() - 1
                && key.indexOf('.', dot + 1) < 0;
    }

    /** @param key a rule key @return the rule's name */
    static String ruleName(String key) {
        return key.substring(RULE_PREFIX.length(), key.indexOf('.', RULE_PREFIX.length()));
    }

    /**
     * @param base the rule as the base configuration has it, or null
     * @param name the rule's name
     * @param z    the properties, relative to {@code zprof.}
     * @param keys the rule's keys among them
     * @return the rule with those keys applied
     */
    static RuleConfig bind(RuleConfig base, String name, ConfigProperties z, List<String> keys) {
        Map<String, String> settings = new TreeMap<>(base == null ? Map.of() : base.settings());
        Map<String, SettingValue> generic = new LinkedHashMap<>();
        for (String key : keys) {
            String field = key.substring(RULE_PREFIX.length() + name.length() + 1);
            SettingValue v = new SettingValue(z, key);
            if (RuleConfig.GENERIC_KEYS.contains(field)) {
                generic.put(field, v);
            } else {
                settings.put(field, v.string());
            }
        }
        String prefix = RuleConfig.prefix(name);
        String type = generic.containsKey("type") ? generic.get("type").string().toLowerCase(Locale.ROOT)
                : base == null ? null : base.type();
        if (type == null) {
            throw new ConfigurationException(prefix + "type", "''", "required: the rule type (threshold, sustained, "
                    + "trend, or a rule provider's name)");
        }
        Metric metric = generic.containsKey("metric") ? metric(generic.get("metric")) : base == null ? null : base.metric();
        if (metric == null) {
            throw new ConfigurationException(prefix + "metric", "''", "required: the key of the metric the rule watches");
        }
        RuleConfig rc = base == null
                ? new RuleConfig(name, type, metric, true, RuleConfig.INHERIT_WARMUP, RuleConfig.DEFAULT_COOLDOWN,
                        List.of(), settings)
                : new RuleConfig(name, type, metric, base.enabled(), base.warmup(), base.cooldown(), base.dumps(), settings);
        if (generic.containsKey("enabled")) {
            rc = rc.withEnabled(generic.get("enabled").bool());
        }
        if (generic.containsKey("warmup")) {
            SettingValue v = generic.get("warmup");
            int w = v.integer();
            if (w < 0) {
                throw new ConfigurationException(v.full(), v.string(), "must be >= 0");
            }
            rc = rc.withWarmup(w);
        }
        if (generic.containsKey("cooldown")) {
            rc = rc.withCooldown(generic.get("cooldown").duration());
        }
        if (generic.containsKey("dumps")) {
            rc = rc.withDumps(generic.get("dumps").dumpKinds());
        }
        return rc;
    }

    private static Metric metric(SettingValue v) {
        return Vocabulary.metric(v.string()).orElseThrow(() -> new ConfigurationException(v.full(), v.string(),
                "unknown metric (known: " + String.join(", ", Metric.known().stream().map(Metric::key).toList()) + ")"));
    }
}
