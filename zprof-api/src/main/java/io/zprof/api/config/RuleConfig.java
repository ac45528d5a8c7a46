package io.zprof.api.config;

import io.zprof.api.model.DumpKind;
import io.zprof.api.model.Metric;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A rule configured under {@code zprof.rule.<name>.*}: a rule type (a {@link io.zprof.api.spi.RuleProvider}'s
 * name) watching one metric, with the settings every rule has and the type's own.
 *
 * @param name     the rule's name, one lowercase word: its key prefix and the {@code rule} of its events
 * @param type     the rule type ({@code threshold}, {@code sustained}, {@code trend}, or a third party's)
 * @param metric   the metric it watches
 * @param enabled  whether it is evaluated (on unless set off: configuring a rule is asking for it)
 * @param warmup   samples that never fire, or {@link #INHERIT_WARMUP} for {@code zprof.warmup}
 * @param cooldown minimum time between two firings
 * @param dumps    what to capture when it fires (may be empty: the event then carries only the timeline)
 * @param settings the type's own settings, keys relative to {@code zprof.rule.<name>.}, values as written; the
 *                 provider parses and checks them
 */
public record RuleConfig(String name, String type, Metric metric, boolean enabled, int warmup, Duration cooldown,
                         List<DumpKind> dumps, Map<String, String> settings) {
    /** {@link #warmup()} value meaning "use {@code zprof.warmup}". */
    public static final int INHERIT_WARMUP = -1;
    /** The cooldown when none is set: five minutes, as for the built-in rules. */
    public static final Duration DEFAULT_COOLDOWN = Duration.ofMinutes(5);
    /** The settings every rule has, owned by the engine; the rest belong to the type. */
    public static final Set<String> GENERIC_KEYS = Set.of("type", "metric", "enabled", "warmup", "cooldown", "dumps");
    /** Names the built-in rules and triggers use; a configured rule cannot take them. */
    public static final Set<String> RESERVED_NAMES = Set.of("cpu", "memory", "threads", "osthreads", "gcheap", "shrink",
            "profile");

    /** Validates every component; a failure names {@code zprof.rule.<name>.<field>} and the value. */
    public RuleConfig {
        SingleSettingChecks.required("zprof.rule", name);
        String p = prefix(name);
        if (!name.matches("[a-z][a-z0-9]*")) {
            throw new ConfigurationException(p + "type", name, "a rule name must be one lowercase word of letters and digits");
        }
        if (RESERVED_NAMES.contains(name)) {
            throw new ConfigurationException(p + "type", name, "'" + name + "' is a built-in rule (configure it under zprof."
                    + name + ".*); choose another name");
        }
        SingleSettingChecks.required(p + "type", type);
        if (!type.matches("[a-z][a-z0-9]*")) {
            throw new ConfigurationException(p + "type", type, "a rule type is one lowercase word");
        }
        SingleSettingChecks.required(p + "metric", metric);
        SingleSettingChecks.atLeast(p + "warmup", warmup, INHERIT_WARMUP);
        SingleSettingChecks.upTo(p + "cooldown", SingleSettingChecks.required(p + "cooldown", cooldown), SingleSettingChecks.LONGEST_WAIT);
        dumps = List.copyOf(SingleSettingChecks.required(p + "dumps", dumps));
        settings = java.util.Collections.unmodifiableMap(new TreeMap<>(SingleSettingChecks.required(p + "settings", settings)));
        for (String k : settings.keySet()) {
            if (GENERIC_KEYS.contains(k)) {
                throw new ConfigurationException(p + k, settings.get(k), "a generic setting, not one of the type's");
            }
        }
    }

    /**
     * @param name the rule's name
     * @return its key prefix, {@code zprof.rule.<name>.}
     */
    public static String prefix(String name) {
        return "zprof.rule." + name + ".";
    }

    /**
     * @param configured {@code zprof.warmup}
     * @return this rule's warm-up in samples
     */
    public int warmupOr(int configured) {
        return warmup == INHERIT_WARMUP ? configured : warmup;
    }

    /**
     * @param name   the rule's name
     * @param type   its type
     * @param metric the metric it watches
     * @return a rule with the defaults: enabled, warm-up from {@code zprof.warmup}, 5 min cooldown, no dumps, no settings
     */
    public static RuleConfig of(String name, String type, Metric metric) {
        return new RuleConfig(name, type, metric, true, INHERIT_WARMUP, DEFAULT_COOLDOWN, List.of(), Map.of());
    }

    /** @param v on or off @return a copy with it */
    public RuleConfig withEnabled(boolean v) {
        return new RuleConfig(name, type, metric, v, warmup, cooldown, dumps, settings);
    }

    /** @param v warm-up samples, or {@link #INHERIT_WARMUP} @return a copy with it */
    public RuleConfig withWarmup(int v) {
        return new RuleConfig(name, type, metric, enabled, v, cooldown, dumps, settings);
    }

    /** @param v time between firings @return a copy with it */
    public RuleConfig withCooldown(Duration v) {
        return new RuleConfig(name, type, metric, enabled, warmup, v, dumps, settings);
    }

    /** @param v what to capture @return a copy with it */
    public RuleConfig withDumps(List<DumpKind> v) {
        return new RuleConfig(name, type, metric, enabled, warmup, cooldown, v, settings);
    }

    /**
     * @param key   a setting of the type, relative to {@code zprof.rule.<name>.}
     * @param value its value as it would be written in a properties file
     * @return a copy with it
     */
    public RuleConfig withSetting(String key, String value) {
        Map<String, String> s = new TreeMap<>(settings);
        s.put(key, value);
        return new RuleConfig(name, type, metric, enabled, warmup, cooldown, dumps, s);
    }
}
