package io.zprof.api.config;

import io.zprof.api.model.DumpKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The whole typed configuration. Immutable and validated on construction; change it with
 * {@code config.toBuilder()...build()} and apply it with the engine's {@code update}. The builder checks nothing
 * until {@link Builder#build()}, which reports every problem of the parts at once, so settings checked against
 * each other can be given in any order.
 *
 * @param collectInterval time between samples (10 ms to 1 h)
 * @param warmupCycles    the first samples of each rule never fire (they fill the baseline)
 * @param windowSize      samples in the moving average a sample is compared with (1 to {@link #MAX_WINDOW})
 * @param dryRun          evaluate and report would-fire events without capturing
 * @param cpu             process CPU % rule
 * @param memory          RSS % of the memory limit rule
 * @param threads         JVM live thread count rule (with max)
 * @param osThreads       native thread count rule
 * @param gcHeap          heap occupancy after GC rule
 * @param shrink          thread-pool shrinking
 * @param dump            evidence on disk
 * @param resource        limits percentages are relative to
 * @param report          reporters, queue, retries, spool
 * @param profiling       continuous profiling chunks
 * @param labels          static labels attached to every event (app, env, host, ...)
 * @param providers       provider pins and disabled providers
 * @param rules           rules configured under {@code zprof.rule.<name>.*}, by name
 */
public record ZprofConfig(Duration collectInterval, int warmupCycles, int windowSize, boolean dryRun,
                          ThresholdRuleConfig cpu, ThresholdRuleConfig memory, ThresholdRuleConfig threads,
                          ThresholdRuleConfig osThreads, GcHeapConfig gcHeap, ShrinkConfig shrink, DumpConfig dump,
                          ResourceConfig resource, ReportConfig report, ProfilingConfig profiling,
                          Map<String, String> labels, ProviderSelection providers, Map<String, RuleConfig> rules) {

    /** The longest rule window ({@code zprof.window}): ten thousand samples, 80 KB per rule. */
    public static final int MAX_WINDOW = 10_000;

    /**
     * Validates every component, and the settings of different parts that are checked against each other; a
     * failure names the key and the value.
     */
    public ZprofConfig {
        SingleSettingChecks.between("zprof.interval", collectInterval, Duration.ofMillis(10), SingleSettingChecks.LONGEST_STEP);
        SingleSettingChecks.atLeast("zprof.warmup", warmupCycles, 0);
        // each rule keeps this many samples in memory: the cap keeps a typo from costing gigabytes
        SingleSettingChecks.between("zprof.window", windowSize, 1, MAX_WINDOW);
        checkRule("cpu", cpu);
        checkRule("memory", memory);
        checkRule("threads", threads);
        checkRule("osthreads", osThreads);
        SingleSettingChecks.required("zprof.gcheap", gcHeap);
        SingleSettingChecks.required("zprof.shrink", shrink);
        SingleSettingChecks.required("zprof.dump", dump);
        SingleSettingChecks.required("zprof.resource", resource);
        SingleSettingChecks.required("zprof.report", report);
        SingleSettingChecks.required("zprof.profiling", profiling);
        labels = Map.copyOf(SingleSettingChecks.required("zprof.labels", labels));
        for (Map.Entry<String, String> e : labels.entrySet()) {
            if (!e.getKey().matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
                throw new ConfigurationException("zprof.labels." + e.getKey(), e.getValue(),
                        "label names must match [a-zA-Z_][a-zA-Z0-9_]*");
            }
        }
        SingleSettingChecks.required("zprof.providers", providers);
        rules = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(SingleSettingChecks.required("zprof.rule", rules)));
        for (Map.Entry<String, RuleConfig> e : rules.entrySet()) {
            if (!e.getKey().equals(e.getValue().name())) {
                throw new ConfigurationException("zprof.rule." + e.getKey(), e.getValue().name(),
                        "rule configuration belongs to '" + e.getValue().name() + "'");
            }
        }
        List<ConfigurationException> together = new ArrayList<>();
        checkTogether(report, together);
        ConfigProblems.throwIfAny(together);
    }

    /** The rules that tie settings of the records together which those records cannot check themselves. */
    private static void checkTogether(ReportConfig report, List<ConfigurationException> problems) {
        if (report != null) {
            report.retry().checkBackoffs(problems);
        }
    }

    private static void checkRule(String name, ThresholdRuleConfig rule) {
        SingleSettingChecks.required("zprof." + name, rule);
        if (!rule.rule().equals(name)) {
            throw new ConfigurationException("zprof." + name, rule.rule(), "rule configuration belongs to '" + rule.rule() + "'");
        }
    }

    /** @return every rule off, 5 s interval, warm-up 10, window 10, dumps in ./dumps, no reporters */
    public static ZprofConfig defaults() {
        Duration fiveMin = Duration.ofMinutes(5);
        return new ZprofConfig(Duration.ofSeconds(5), 10, 10, false,
                new ThresholdRuleConfig("cpu", false, 20, 80, 25, fiveMin, 0, List.of(DumpKind.CPU)),
                new ThresholdRuleConfig("memory", false, 20, 80, 25, fiveMin, 0, List.of(DumpKind.HEAP)),
                new ThresholdRuleConfig("threads", false, 100, 0, 25, fiveMin, 100_000, List.of(DumpKind.THREADS)),
                new ThresholdRuleConfig("osthreads", false, 10, 0, 25, fiveMin, 0, List.of(DumpKind.THREADCREATE)),
                GcHeapConfig.defaults(), ShrinkConfig.defaults(), DumpConfig.defaults(), ResourceConfig.defaults(),
                ReportConfig.defaults(), ProfilingConfig.defaults(), Map.of(), ProviderSelection.defaults(), Map.of());
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return defaults().toBuilder();
    }

    /** @return a builder starting from this configuration */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** @return the four threshold rules in a fixed order: cpu, memory, threads, osthreads */
    public List<ThresholdRuleConfig> thresholdRules() {
        return List.of(cpu, memory, threads, osThreads);
    }

    /**
     * Mutable builder that reads like the Go original: {@code cfg.cpu(r -> r.enabled(true).min(10).abs(50))}. It
     * keeps the threshold rules and the dump settings as builders and checks nothing before {@link #build()}: a
     * rule's {@code min} can be raised above its current {@code abs} when the new {@code abs} follows. The parts
     * that are records with withers (GC heap, shrink, report, ...) check each value as it is set.
     */
    public static final class Builder {
        private Duration collectInterval;
        private int warmupCycles;
        private int windowSize;
        private boolean dryRun;
        private ThresholdRuleConfig.Builder cpu;
        private ThresholdRuleConfig.Builder memory;
        private ThresholdRuleConfig.Builder threads;
        private ThresholdRuleConfig.Builder osThreads;
        private GcHeapConfig gcHeap;
        private ShrinkConfig shrink;
        private DumpConfig.Builder dump;
        private ResourceConfig resource;
        private ReportConfig report;
        private ProfilingConfig profiling;
        private final Map<String, String> labels;
        private ProviderSelection providers;
        private final Map<String, RuleConfig> rules;

        Builder(ZprofConfig c) {
            collectInterval = c.collectInterval;
            warmupCycles = c.warmupCycles;
            windowSize = c.windowSize;
            dryRun = c.dryRun;
            cpu = c.cpu.toBuilder();
            memory = c.memory.toBuilder();
            threads = c.threads.toBuilder();
            osThreads = c.osThreads.toBuilder();
            gcHeap = c.gcHeap;
            shrink = c.shrink;
            dump = c.dump.toBuilder();
            resource = c.resource;
            report = c.report;
            profiling = c.profiling;
            labels = new LinkedHashMap<>(c.labels);
            providers = c.providers;
            rules = new LinkedHashMap<>(c.rules);
        }

        /** @param v time between samples @return this */
        public Builder collectInterval(Duration v) { collectInterval = v; return this; }
        /** @param v samples that never fire @return this */
        public Builder warmupCycles(int v) { warmupCycles = v; return this; }
        /** @param v moving-average length @return this */
        public Builder windowSize(int v) { windowSize = v; return this; }
        /** @param v evaluate without capturing @return this */
        public Builder dryRun(boolean v) { dryRun = v; return this; }
        /** @param f edits the CPU rule @return this */
        public Builder cpu(UnaryOperator<ThresholdRuleConfig.Builder> f) { cpu = f.apply(cpu); return this; }
        /** @param f edits the memory rule @return this */
        public Builder memory(UnaryOperator<ThresholdRuleConfig.Builder> f) { memory = f.apply(memory); return this; }
        /** @param f edits the JVM threads rule @return this */
        public Builder threads(UnaryOperator<ThresholdRuleConfig.Builder> f) { threads = f.apply(threads); return this; }
        /** @param f edits the OS threads rule @return this */
        public Builder osThreads(UnaryOperator<ThresholdRuleConfig.Builder> f) { osThreads = f.apply(osThreads); return this; }
        /** @param v replaces one threshold rule, chosen by its name @return this */
        public Builder rule(ThresholdRuleConfig v) {
            switch (v.rule()) {
                case "cpu": cpu = v.toBuilder(); break;
                case "memory": memory = v.toBuilder(); break;
                case "threads": threads = v.toBuilder(); break;
                case "osthreads": osThreads = v.toBuilder(); break;
                default: throw new ConfigurationException("zprof." + v.rule(), v.rule(), "unknown rule");
            }
            return this;
        }
        /** @param v adds or replaces a rule configured under {@code zprof.rule.<name>.*} @return this */
        public Builder rule(RuleConfig v) { rules.put(v.name(), v); return this; }
        /** @param name a rule added with {@link #rule(RuleConfig)} @return this, without it */
        public Builder removeRule(String name) { rules.remove(name); return this; }
        /** @param name a configured rule @param f edits it @return this */
        public Builder editRule(String name, UnaryOperator<RuleConfig> f) {
            RuleConfig r = rules.get(name);
            if (r == null) {
                throw new ConfigurationException(RuleConfig.prefix(name) + "type", name, "no such rule configured");
            }
            rules.put(name, f.apply(r));
            return this;
        }
        /** @param f edits the GC-heap rule @return this */
        public Builder gcHeap(UnaryOperator<GcHeapConfig> f) { gcHeap = f.apply(gcHeap); return this; }
        /** @param f edits thread shrinking @return this */
        public Builder shrink(UnaryOperator<ShrinkConfig> f) { shrink = f.apply(shrink); return this; }
        /** @param f edits dump settings @return this */
        public Builder dump(UnaryOperator<DumpConfig.Builder> f) { dump = f.apply(dump); return this; }
        /** @param f edits resource limits @return this */
        public Builder resource(UnaryOperator<ResourceConfig> f) { resource = f.apply(resource); return this; }
        /** @param f edits reporting @return this */
        public Builder report(UnaryOperator<ReportConfig> f) { report = f.apply(report); return this; }
        /** @param f edits continuous profiling @return this */
        public Builder profiling(UnaryOperator<ProfilingConfig> f) { profiling = f.apply(profiling); return this; }
        /** @param name label name @param value label value @return this */
        public Builder label(String name, String value) { labels.put(name, value); return this; }
        /** @param v provider overrides @return this */
        public Builder providers(ProviderSelection v) { providers = v; return this; }

        /**
         * @return the validated configuration
         * @throws ConfigurationException naming every problem of the threshold rules, the dump settings and the
         *                                settings checked across parts (each with its key and value); when those are
         *                                fine, the first problem of the other settings
         */
        public ZprofConfig build() {
            List<ConfigurationException> problems = new ArrayList<>();
            ThresholdRuleConfig builtCpu = ConfigProblems.attempt(problems, cpu::build);
            ThresholdRuleConfig builtMemory = ConfigProblems.attempt(problems, memory::build);
            ThresholdRuleConfig builtThreads = ConfigProblems.attempt(problems, threads::build);
            ThresholdRuleConfig builtOsThreads = ConfigProblems.attempt(problems, osThreads::build);
            DumpConfig builtDump = ConfigProblems.attempt(problems, dump::build);
            checkTogether(report, problems);
            ConfigProblems.throwIfAny(problems);
            return new ZprofConfig(collectInterval, warmupCycles, windowSize, dryRun, builtCpu, builtMemory,
                    builtThreads, builtOsThreads, gcHeap, shrink, builtDump, resource, report, profiling, labels,
                    providers, rules);
        }
    }
}
