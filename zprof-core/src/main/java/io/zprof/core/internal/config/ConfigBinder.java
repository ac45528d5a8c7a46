package io.zprof.core.internal.config;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ConfigurationException;
import io.zprof.api.config.GcMonitorMode;
import io.zprof.api.config.HeapHoldersConfig;
import io.zprof.api.config.ProviderSelection;
import io.zprof.api.config.ThresholdRuleConfig;
import io.zprof.api.config.WindowConfig;
import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.Metric;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * Binds flat {@code zprof.*} properties onto {@link ZprofConfig}: every key the engine understands is in one
 * table here, so unknown keys fail and the README's configuration table can be checked against it. Keys under
 * {@code zprof.collector.<name>.}, {@code zprof.dumper.<name>.}, {@code zprof.reporter.<name>.} and
 * {@code zprof.shrinker.<name>.} belong to adapters and are passed through.
 */
public final class ConfigBinder {
    /**
     * Collector pin aliases: a rule name stands for the metrics that rule needs. Pins keep the key as written, so an
     * error about the pin names the setting the user wrote; selection expands them.
     */
    public static final Map<String, List<Metric>> METRIC_ALIASES = Map.of(
            "cpu", List.of(Metric.PROCESS_CPU_NANOS, Metric.CPU_LIMIT_CORES),
            "memory", List.of(Metric.RSS_BYTES, Metric.MEMORY_LIMIT_BYTES),
            "threads", List.of(Metric.JVM_THREADS),
            "osthreads", List.of(Metric.OS_THREADS));

    /** The roles whose providers have settings of their own under {@code zprof.<role>.<name>.}. */
    public static final List<String> ADAPTER_ROLES = List.of("collector", "dumper", "reporter", "shrinker");

    private static final Map<String, BiConsumer<ZprofConfig.Builder, SettingValue>> KEYS = new LinkedHashMap<>();
    /** Keys read and checked by zprof-agent ({@code zprof.agent.plugins}, {@code zprof.agent.log.level}...). */
    public static final String AGENT_PREFIX = "agent.";

    static {
        key("interval", (b, v) -> b.collectInterval(v.duration()));
        key("warmup", (b, v) -> b.warmupCycles(v.integer()));
        key("window", (b, v) -> b.windowSize(v.integer()));
        key("dryrun", (b, v) -> b.dryRun(v.bool()));
        rule("cpu", ZprofConfig.Builder::cpu);
        rule("memory", ZprofConfig.Builder::memory);
        rule("threads", ZprofConfig.Builder::threads);
        rule("osthreads", ZprofConfig.Builder::osThreads);
        key("gcheap.enabled", (b, v) -> b.gcHeap(g -> g.enabled(v.bool())));
        key("gcheap.mode", (b, v) -> b.gcHeap(g -> g.mode(v.enumValue(GcMonitorMode.class))));
        key("gcheap.ratio", (b, v) -> b.gcHeap(g -> g.triggerRatio(v.dbl())));
        key("gcheap.dumpcount", (b, v) -> b.gcHeap(g -> g.dumpCount(v.integer())));
        key("gcheap.cooldown", (b, v) -> b.gcHeap(g -> g.cooldown(v.duration())));
        key("gcheap.dumps", (b, v) -> b.gcHeap(g -> g.dumps(v.dumpKinds())));
        key("shrink.enabled", (b, v) -> b.shrink(s -> s.enabled(v.bool())));
        key("shrink.threshold", (b, v) -> b.shrink(s -> s.threshold(v.integer())));
        key("shrink.delay", (b, v) -> b.shrink(s -> s.delay(v.duration())));
        key("shrink.count", (b, v) -> b.shrink(s -> s.shrinkCount(v.integer())));
        key("shrink.restoreafter", (b, v) -> b.shrink(s -> s.restoreAfter(v.duration())));
        key("shrink.cooldown", (b, v) -> b.shrink(s -> s.cooldown(v.duration())));
        key("dump.path", (b, v) -> b.dump(d -> d.directory(v.path())));
        key("dump.binary", (b, v) -> b.dump(d -> d.binary(v.bool())));
        key("dump.text", (b, v) -> b.dump(d -> d.text(v.bool())));
        key("dump.cpuduration", (b, v) -> b.dump(d -> d.cpuDuration(v.duration())));
        key("dump.sampleperiod", (b, v) -> b.dump(d -> d.samplePeriod(v.duration())));
        key("dump.threadcreateduration", (b, v) -> b.dump(d -> d.threadCreateDuration(v.duration())));
        key("dump.maxfiles", (b, v) -> b.dump(d -> d.maxFiles(v.integer())));
        key("dump.maxbytes", (b, v) -> b.dump(d -> d.maxBytes(v.bytes())));
        key("dump.flamegraph", (b, v) -> b.dump(d -> d.flameGraph(v.bool())));
        key("dump.heap.diskfactor", (b, v) -> b.dump(d -> d.heapDiskFactor(v.dbl())));
        key("dump.heap.maxheap", (b, v) -> b.dump(d -> d.heapMaxBytes(v.bytes())));
        heapHolders("enabled", (h, v) -> h.enabled(v.bool()));
        heapHolders("maxheap", (h, v) -> h.maxHeapBytes(v.bytes()));
        heapHolders("timeout", (h, v) -> h.timeout(v.duration()));
        heapHolders("interval", (h, v) -> h.interval(v.duration()));
        window("enabled", (w, v) -> w.enabled(v.bool()));
        window("maxage", (w, v) -> w.maxAge(v.duration()));
        window("maxsize", (w, v) -> w.maxSize(v.bytes()));
        window("sampleperiod", (w, v) -> w.samplePeriod(v.duration()));
        key("resource.cpucores", (b, v) -> b.resource(r -> r.cpuCores(v.dbl())));
        key("resource.memorylimit", (b, v) -> b.resource(r -> r.memoryLimitBytes(v.bytes())));
        key("resource.cgroup", (b, v) -> b.resource(r -> r.useCgroup(v.bool())));
        key("reporters", (b, v) -> b.report(r -> r.reporters(v.reporterNames())));
        key("report.queuesize", (b, v) -> b.report(r -> r.queueSize(v.integer())));
        key("report.flushtimeout", (b, v) -> b.report(r -> r.flushTimeout(v.duration())));
        key("report.calltimeout", (b, v) -> b.report(r -> r.callTimeout(v.duration())));
        key("report.retry.maxattempts", (b, v) -> b.report(r -> r.retry(r.retry().maxAttempts(v.integer()))));
        key("report.retry.initialbackoff", (b, v) -> b.report(r -> r.retry(r.retry().initialBackoff(v.duration()))));
        key("report.retry.maxbackoff", (b, v) -> b.report(r -> r.retry(r.retry().maxBackoff(v.duration()))));
        key("report.retry.maxelapsed", (b, v) -> b.report(r -> r.retry(r.retry().maxElapsed(v.duration()))));
        key("report.retry.maxage", (b, v) -> b.report(r -> r.retry(r.retry().maxAge(v.duration()))));
        key("report.spool.enabled", (b, v) -> b.report(r -> r.spool(r.spool().enabled(v.bool()))));
        key("report.spool.maxbytes", (b, v) -> b.report(r -> r.spool(r.spool().maxBytes(v.bytes()))));
        key("report.spool.path", (b, v) -> b.report(r -> r.spool(r.spool().directory(v.path()))));
        key("profiling.enabled", (b, v) -> b.profiling(p -> p.enabled(v.bool())));
        key("profiling.interval", (b, v) -> b.profiling(p -> p.uploadInterval(v.duration())));
        // read by Zprof's property sources, listed so they are not reported as unknown
        key("config.file", (b, v) -> { });
    }

    private ConfigBinder() {
    }

    private static void key(String relative, BiConsumer<ZprofConfig.Builder, SettingValue> setter) {
        KEYS.put(relative, setter);
    }

    private static void rule(String name, BiFunction<ZprofConfig.Builder, UnaryOperator<ThresholdRuleConfig.Builder>, ZprofConfig.Builder> edit) {
        ruleKey(name, "enabled", edit, (r, v) -> r.enabled(v.bool()));
        ruleKey(name, "min", edit, (r, v) -> r.min(v.dbl()));
        ruleKey(name, "abs", edit, (r, v) -> r.abs(v.dbl()));
        ruleKey(name, "diff", edit, (r, v) -> r.diff(v.dbl()));
        ruleKey(name, "cooldown", edit, (r, v) -> r.cooldown(v.duration()));
        ruleKey(name, "max", edit, (r, v) -> r.max(v.dbl()));
        ruleKey(name, "dumps", edit, (r, v) -> r.dumps(v.dumpKinds()));
    }

    private static void ruleKey(String name, String field,
            BiFunction<ZprofConfig.Builder, UnaryOperator<ThresholdRuleConfig.Builder>, ZprofConfig.Builder> edit,
            BiFunction<ThresholdRuleConfig.Builder, SettingValue, ThresholdRuleConfig.Builder> setter) {
        key(name + "." + field, (b, v) -> edit.apply(b, r -> setter.apply(r, v)));
    }

    private static void heapHolders(String field, BiFunction<HeapHoldersConfig, SettingValue, HeapHoldersConfig> setter) {
        key("dump.heapholders." + field, (b, v) -> b.dump(d -> d.heapHolders(h -> setter.apply(h, v))));
    }

    private static void window(String field, BiFunction<WindowConfig, SettingValue, WindowConfig> setter) {
        key("dump.window." + field, (b, v) -> b.dump(d -> d.window(w -> setter.apply(w, v))));
    }

    /** @return every key the engine binds, relative to {@code zprof.}, in table order */
    public static List<String> knownKeys() {
        return List.copyOf(KEYS.keySet());
    }

    /**
     * @param props flat properties; keys relative to the root ({@code zprof.cpu.abs})
     * @return a validated configuration: defaults overlaid with every {@code zprof.*} key
     * @throws ConfigurationException naming the first bad value, or every setting that does not fit the others
     */
    public static ZprofConfig bind(ConfigProperties props) {
        return bind(ZprofConfig.defaults(), props);
    }

    /**
     * @param base  the configuration to start from
     * @param props flat properties
     * @return a validated configuration
     * @throws ConfigurationException naming the first bad value, or every setting that does not fit the others
     */
    public static ZprofConfig bind(ZprofConfig base, ConfigProperties props) {
        ConfigProperties z = props.withPrefix("zprof.");
        // the records validate what they are given and show durations in their own form: show what was typed
        return z.echoingTypedDurations(() -> bindScoped(base, z));
    }

    private static ZprofConfig bindScoped(ZprofConfig base, ConfigProperties z) {
        ZprofConfig.Builder b = base.toBuilder();
        Map<String, String> collectorPins = new LinkedHashMap<>(base.providers().collectorPins());
        Map<String, String> dumperPins = new LinkedHashMap<>(base.providers().dumperPins());
        Set<String> disabled = new HashSet<>(base.providers().disabled());
        List<String> typed = new ArrayList<>();
        Map<String, List<String>> ruleKeys = new TreeMap<>();
        for (String key : z.keys()) {
            if (KEYS.containsKey(key)) {
                typed.add(key);
            } else if (NamedRuleBinder.isRuleKey(key)) {
                ruleKeys.computeIfAbsent(NamedRuleBinder.ruleName(key), n -> new ArrayList<>()).add(key);
            } else if (key.startsWith("labels.")) {
                b.label(key.substring("labels.".length()), z.get(key).trim());
            } else if (key.equals("providers.disabled")) {
                disabled.addAll(z.getList(key));
            } else if (isPin(key, "collector.")) {
                collectorPins.put(metricPinKey(z, key), z.getString(key, ""));
            } else if (isPin(key, "dumper.")) {
                dumperPins.put(dumpPinKey(z, key), z.getString(key, ""));
            } else if (!isAdapterScoped(key) && !key.startsWith(AGENT_PREFIX)) {
                // never the value: a mistyped key may hold a secret under any name (zprof.reportr.http.headers.X-Api-Key)
                throw new ConfigurationException(z.fullKey(key), z.fullKey(key) + ": unknown setting (known: "
                        + hint(key) + "; the value is not shown)");
            }
        }
        // each key once: the builder checks settings against each other in build(), so no order can fail
        for (String key : typed) {
            KEYS.get(key).accept(b, new SettingValue(z, key));
        }
        ruleKeys.forEach((name, keys) -> b.rule(NamedRuleBinder.bind(base.rules().get(name), name, z, keys)));
        b.providers(new ProviderSelection(collectorPins, dumperPins, disabled));
        return b.build();
    }

    /**
     * @param key a full key ({@code zprof.cpu.abs})
     * @return whether the engine binds it into the typed configuration; the other keys are for adapters
     */
    public static boolean isBoundByEngine(String key) {
        if (!key.startsWith("zprof.")) {
            return false;
        }
        String rel = key.substring("zprof.".length());
        return KEYS.containsKey(rel) || rel.startsWith("labels.") || NamedRuleBinder.isRuleKey(rel) || rel.equals("providers.disabled")
                || isPin(rel, "collector.") || isPin(rel, "dumper.");
    }

    /**
     * @param key a full key ({@code zprof.cpu.abs}, {@code zprof.reporter.http.url})
     * @return whether it names a zprof setting: one the engine binds, or one under an adapter's prefix
     *         ({@code zprof.<role>.<name>.<setting>}, which the provider named checks), or one of zprof-agent's
     *         ({@code zprof.agent.*}, which the agent checks)
     */
    public static boolean isSetting(String key) {
        return isBoundByEngine(key) || key.startsWith("zprof.") && (isAdapterScoped(key.substring("zprof.".length()))
                || key.startsWith("zprof." + AGENT_PREFIX));
    }

    /**
     * @param key a full key
     * @return {@code [role, name, setting]} of an adapter's key ({@code zprof.reporter.http.token} gives
     *         {@code reporter}, {@code http}, {@code token}), or {@code null} for any other key
     */
    public static String[] adapterKey(String key) {
        if (!key.startsWith("zprof.") || isBoundByEngine(key)) {
            return null;
        }
        String rel = key.substring("zprof.".length());
        for (String role : ADAPTER_ROLES) {
            int dot = rel.indexOf('.', role.length() + 1);
            if (rel.startsWith(role + ".") && dot > role.length() + 1 && dot < rel.length() - 1) {
                return new String[] {role, rel.substring(role.length() + 1, dot), rel.substring(dot + 1)};
            }
        }
        return null;
    }

    private static boolean isPin(String key, String prefix) {
        return key.startsWith(prefix) && key.indexOf('.', prefix.length()) < 0;
    }

    private static boolean isAdapterScoped(String key) {
        for (String role : ADAPTER_ROLES) {
            if (key.startsWith(role + ".") && key.indexOf('.', role.length() + 1) > role.length() + 1) {
                return true;
            }
        }
        return false;
    }

    private static String metricPinKey(ConfigProperties z, String key) {
        String what = key.substring("collector.".length());
        if (METRIC_ALIASES.containsKey(what)) {
            return what;
        }
        if (Vocabulary.metric(what).filter(m -> m.kind() != Metric.Kind.DERIVED).isPresent()) {
            return what;
        }
        throw new ConfigurationException(z.fullKey(key), z.get(key), "unknown metric '" + what + "' (use cpu, memory, threads, osthreads or a metric key such as rssbytes)");
    }

    private static String dumpPinKey(ConfigProperties z, String key) {
        String what = key.substring("dumper.".length());
        return Vocabulary.dumpKind(what).orElseThrow(
                () -> new ConfigurationException(z.fullKey(key), z.get(key), "unknown dump kind '" + what + "'")).key();
    }

    private static String hint(String key) {
        String head = key.contains(".") ? key.substring(0, key.indexOf('.') + 1) : "";
        List<String> near = new ArrayList<>();
        for (String k : KEYS.keySet()) {
            if (!head.isEmpty() && k.startsWith(head)) {
                near.add("zprof." + k);
            }
        }
        return near.isEmpty() ? "see the README's configuration table" : String.join(", ", near);
    }
}
