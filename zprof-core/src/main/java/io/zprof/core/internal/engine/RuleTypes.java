package io.zprof.core.internal.engine;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ConfigurationException;
import io.zprof.api.config.MapConfigProperties;
import io.zprof.api.config.RuleConfig;
import io.zprof.api.config.ThresholdRuleConfig;
import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.Metric;
import io.zprof.api.port.Rule;
import io.zprof.api.spi.RuleContext;
import io.zprof.api.spi.RuleProvider;
import io.zprof.core.internal.discovery.LoadedProviders;
import io.zprof.core.internal.discovery.ProviderLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule types the engine knows: the built-in {@code threshold}, {@code sustained} and {@code trend} providers and
 * every {@link RuleProvider} found through the loader; and the making of a configuration's rules from them. The
 * built-in cpu, memory, threads and osthreads rules are {@code threshold} rules made from their own keys.
 */
final class RuleTypes {
    private static final Logger LOG = LoggerFactory.getLogger(RuleTypes.class);
    private static final List<String> BUILT_IN_RULES = List.of("cpu", "memory", "threads", "osthreads");

    private final Map<String, RuleProvider> byName = new LinkedHashMap<>();

    /** @param loader finds third-party rule providers (the built-in ones are always there) */
    RuleTypes(ProviderLoader loader) {
        for (RuleProvider p : List.of(new ThresholdRuleProvider(), new SustainedRuleProvider(), new TrendRuleProvider())) {
            byName.put(p.name(), p);
        }
        LoadedProviders<RuleProvider> loaded = loader.load(RuleProvider.class, "rule");
        for (RuleProvider p : loaded.loaded()) {
            RuleProvider known = byName.get(p.name());
            if (known == null) {
                byName.put(p.name(), p);
            } else if (known.getClass() != p.getClass()) {
                LOG.warn("zprof: rule provider {} is ignored: rule type '{}' is already provided by {}",
                        p.getClass().getName(), p.name(), known.getClass().getName());
            }
        }
    }

    /**
     * Makes every rule of a configuration, so a bad one fails before anything is applied.
     *
     * @param cfg the configuration
     * @return the rules: the four built-in ones first, then those under {@code zprof.rule.*} by name
     * @throws ConfigurationException naming the key and the value of the first bad setting
     */
    List<RulePlan> plan(ZprofConfig cfg) {
        List<RulePlan> out = new ArrayList<>();
        List<ThresholdRuleConfig> builtIns = cfg.thresholdRules();
        List<Metric> metrics = List.of(Metric.CPU_PERCENT, Metric.MEMORY_PERCENT, Metric.JVM_THREADS, Metric.OS_THREADS);
        for (int i = 0; i < builtIns.size(); i++) {
            out.add(builtIn(cfg, BUILT_IN_RULES.get(i), metrics.get(i), builtIns.get(i)));
        }
        for (RuleConfig rc : cfg.rules().values()) {
            out.add(configured(cfg, rc));
        }
        return out;
    }

    private static RulePlan builtIn(ZprofConfig cfg, String name, Metric metric,
                                    ThresholdRuleConfig rc) {
        ThresholdRule rule = new ThresholdRule(rc);
        Map<String, Object> timeline = new LinkedHashMap<>(Map.of("enabled", rc.enabled(), "min", rc.min(),
                "abs", rc.abs(), "diff", rc.diff(), "max", rc.max(), "cooldown", rc.cooldown(), "dumps", rc.dumps()));
        timeline.put("warmup", cfg.warmupCycles());
        timeline.put("window", cfg.windowSize());
        return new RulePlan(name, metric, rule, rc.enabled(), cfg.warmupCycles(), rc.cooldown().toMillis(),
                scoped("zprof." + name + ".", Map.of()), rc.dumps(),
                rule.windowSize(cfg.windowSize(), cfg.collectInterval()), rule.thresholds(), timeline);
    }

    /**
     * @param prefix   a rule's key prefix ({@code zprof.rule.<name>.})
     * @param settings its settings, keys relative to the prefix
     * @return a view of them whose full keys carry the prefix, so errors name the key as written
     */
    static ConfigProperties scoped(String prefix, Map<String, String> settings) {
        Map<String, String> full = new LinkedHashMap<>();
        settings.forEach((k, v) -> full.put(prefix + k, v));
        return new MapConfigProperties("", full).withPrefix(prefix);
    }

    private RulePlan configured(ZprofConfig cfg, RuleConfig rc) {
        String prefix = RuleConfig.prefix(rc.name());
        RuleProvider provider = byName.get(rc.type());
        if (provider == null) {
            throw new ConfigurationException(prefix + "type", rc.type(), "unknown rule type (known: "
                    + String.join(", ", byName.keySet()) + ")");
        }
        for (Map.Entry<String, String> e : rc.settings().entrySet()) {
            if (!provider.settingKeys().contains(e.getKey())) {
                throw new ConfigurationException(prefix + e.getKey(), e.getValue(), "unknown setting of rule type '"
                        + rc.type() + "' (known: " + String.join(", ", new TreeSet<>(provider.settingKeys()))
                        + ", and type, metric, enabled, warmup, cooldown, dumps)");
            }
        }
        ConfigProperties settings = scoped(prefix, rc.settings());
        Rule rule;
        try {
            rule = provider.create(new RuleContext(rc.name(), rc.metric(), settings));
        } catch (ConfigurationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ConfigurationException(prefix + "type", rc.type(), "the rule type failed to make the rule: " + e);
        }
        if (rule == null) {
            throw new ConfigurationException(prefix + "type", rc.type(), "the rule type made no rule");
        }
        int warmup = rc.warmupOr(cfg.warmupCycles());
        int window = Math.max(1, Math.min(ZprofConfig.MAX_WINDOW, rule.windowSize(cfg.windowSize(), cfg.collectInterval())));
        Map<String, Object> timeline = new LinkedHashMap<>();
        timeline.put("type", rc.type());
        timeline.put("metric", rc.metric().key());
        timeline.put("enabled", rc.enabled());
        timeline.put("cooldown", rc.cooldown());
        timeline.put("dumps", rc.dumps());
        timeline.put("warmup", warmup);
        timeline.put("window", window);
        timeline.putAll(rc.settings());
        return new RulePlan(rc.name(), rc.metric(), rule, rc.enabled(), warmup, rc.cooldown().toMillis(), settings,
                rc.dumps(), window, Map.copyOf(rule.thresholds()), timeline);
    }
}
