package io.zprof.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.zprof.api.model.Metric;
import io.zprof.core.Zprof;
import io.zprof.core.status.MetricValue;
import io.zprof.core.status.ReporterStatus;
import io.zprof.core.status.RuleStatus;
import io.zprof.core.status.ZprofStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * Exports zprof to Micrometer: every sampled metric of {@link ZprofStatus#metrics()} (built-in and third-party) as a
 * gauge, or as a function counter when zprof samples it as a running total; zprof's own counters as function
 * counters: samples, rules fired per rule, captures and capture failures per kind, and per reporter the events
 * delivered, retried, failed and dropped; the reporter queues and spools as gauges. Names and units follow
 * Micrometer: time in seconds, sizes in bytes, percentages as ratios from 0 to 1 (like {@code process.cpu.usage}), so
 * zprof's CPU % of the container's quota is {@code zprof.cpu.usage} (Prometheus {@code zprof_cpu_usage_ratio}).
 *
 * <p>Reading a meter never runs a sampling cycle: meters read the last {@link Zprof#status()}, which is built again
 * at most once per {@code cacheFor} (one second by default), so one scrape builds it once. A metric, rule, reporter
 * or counter that appears later (a collector that starts delivering, a rule added by an update) gets its meters when
 * a read first sees it, and is exported from the next scrape on.
 *
 * <pre>{@code
 * new ZprofMetrics(zprof).bindTo(registry);
 * }</pre>
 */
public final class ZprofMetrics implements MeterBinder {
    /** How long one status serves every meter read by default. */
    public static final Duration DEFAULT_CACHE = Duration.ofSeconds(1);

    private final StatusSnapshot snapshot;
    /** What each registry already has, so a new status only registers what is new. */
    private final Map<MeterRegistry, Set<String>> registered = new ConcurrentHashMap<>();

    /** @param zprof the engine whose status is exported */
    public ZprofMetrics(Zprof zprof) {
        this(zprof, DEFAULT_CACHE);
    }

    /**
     * @param zprof    the engine whose status is exported
     * @param cacheFor how long one status serves every meter (0: every read builds one)
     */
    public ZprofMetrics(Zprof zprof, Duration cacheFor) {
        this(Objects.requireNonNull(zprof, "zprof")::status, cacheFor, System::nanoTime);
    }

    /**
     * @param status   where statuses come from
     * @param cacheFor how long one status serves every meter
     * @param nanoTime the monotonic clock measuring it
     */
    ZprofMetrics(Supplier<ZprofStatus> status, Duration cacheFor, LongSupplier nanoTime) {
        this.snapshot = new StatusSnapshot(status, cacheFor.toNanos(), nanoTime, this::registerEverywhere);
    }

    /**
     * Registers the meters of what the current status holds; more follow as later statuses show more.
     *
     * @param registry the registry
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        registered.putIfAbsent(registry, ConcurrentHashMap.newKeySet());
        // strongly held: it keeps this binder alive for the function counters, which hold it weakly
        Gauge.builder("zprof.running", this, m -> m.read(s -> s.running() ? 1 : 0)).strongReference(true)
                .description("1 while zprof samples, 0 once stopped").register(registry);
        ZprofStatus s = snapshot.get();
        if (s != null) {
            register(registry, s);
        }
    }

    private void registerEverywhere(ZprofStatus s) {
        registered.keySet().forEach(r -> register(r, s));
    }

    private void register(MeterRegistry r, ZprofStatus s) {
        Set<String> done = registered.get(r);
        for (MetricValue m : s.metrics()) {
            if (done.add("metric:" + m.metric().key())) {
                metric(r, m.metric());
            }
        }
        for (String key : s.counters().keySet()) {
            if (done.add("counter:" + key)) {
                counter(r, key);
            }
        }
        for (RuleStatus rule : s.rules()) {
            if (done.add("rule:" + rule.rule())) {
                String name = rule.rule();
                functionCounter(r, "zprof.rules.fired", Tags.of("rule", name), null,
                        "times the rule fired since zprof started", st -> rule(st, name, RuleStatus::firedCount));
            }
            if (rule.rule().equals("gcheap") && done.add("gcheap")) {
                gauge(r, "zprof.heap.after.gc", Tags.empty(), "ratio",
                        "heap used after the last GC relative to the maximum heap (gcheap rule)",
                        st -> ruleValue(st, "gcheap"));
            }
        }
        for (ReporterStatus rep : s.reporters()) {
            if (done.add("reporter:" + rep.name())) {
                reporter(r, rep.name());
            }
        }
    }

    private void metric(MeterRegistry r, Metric metric) {
        MeterUnit unit = MeterUnit.of(metric.unit());
        String name = MetricMeterNames.of(metric);
        String description = "zprof metric " + metric.key() + " (" + metric.unit() + " in zprof)";
        ToDoubleFunction<ZprofStatus> value = s -> metricValue(s, metric) * unit.scale();
        if (metric.kind() == Metric.Kind.COUNTER) {
            functionCounter(r, name, Tags.empty(), unit.baseUnit(), description, value);
        } else {
            gauge(r, name, Tags.empty(), unit.baseUnit(), description, value);
        }
    }

    private void counter(MeterRegistry r, String key) {
        CounterMeterName m = CounterMeterName.of(key);
        Tags tags = m.tagKey() == null ? Tags.empty() : Tags.of(m.tagKey(), m.tagValue());
        functionCounter(r, m.name(), tags, m.unit().baseUnit(), "zprof counter " + key,
                s -> {
                    Long v = s.counters().get(key);
                    return v == null ? Double.NaN : v * m.unit().scale();
                });
    }

    private void reporter(MeterRegistry r, String name) {
        Tags tags = Tags.of("reporter", name);
        functionCounter(r, "zprof.reporter.delivered", tags, null, "events the reporter delivered",
                s -> reporter(s, name, ReporterStatus::delivered));
        functionCounter(r, "zprof.reporter.retries", tags, null, "calls that repeated a failed attempt",
                s -> reporter(s, name, ReporterStatus::retries));
        functionCounter(r, "zprof.reporter.failed", tags, null, "events given up after a non-retryable failure",
                s -> reporter(s, name, ReporterStatus::failedPermanent));
        functionCounter(r, "zprof.reporter.dropped", tags.and("reason", "queue.full"), null,
                "events lost because the reporter's queue was full",
                s -> reporter(s, name, ReporterStatus::droppedQueueFull));
        functionCounter(r, "zprof.reporter.dropped", tags.and("reason", "shutdown"), null,
                "events lost at shutdown or offered after it", s -> reporter(s, name, ReporterStatus::droppedOnClose));
        gauge(r, "zprof.reporter.spooled", tags, "events", "events waiting in the on-disk spool",
                s -> reporter(s, name, ReporterStatus::spooled));
        gauge(r, "zprof.reporter.queued", tags, "events", "events waiting in memory only",
                s -> reporter(s, name, ReporterStatus::queued));
        gauge(r, "zprof.reporter.spool.size", tags, "bytes", "bytes the reporter's spool holds",
                s -> reporter(s, name, ReporterStatus::spooledBytes));
    }

    private void gauge(MeterRegistry r, String name, Tags tags, String unit, String description,
                       ToDoubleFunction<ZprofStatus> value) {
        Gauge.builder(name, this, m -> m.read(value)).tags(tags).baseUnit(unit).description(description)
                .register(r);
    }

    private void functionCounter(MeterRegistry r, String name, Tags tags, String unit, String description,
                                 ToDoubleFunction<ZprofStatus> value) {
        FunctionCounter.builder(name, this, m -> m.read(value)).tags(tags).baseUnit(unit).description(description)
                .register(r);
    }

    private double read(ToDoubleFunction<ZprofStatus> value) {
        ZprofStatus s = snapshot.get();
        return s == null ? Double.NaN : value.applyAsDouble(s);
    }

    private static double metricValue(ZprofStatus s, Metric metric) {
        return find(s.metrics(), v -> v.metric() == metric, MetricValue::value);
    }

    private static double rule(ZprofStatus s, String name, ToLongFunction<RuleStatus> field) {
        return find(s.rules(), r -> r.rule().equals(name), r -> field.applyAsLong(r));
    }

    private static double ruleValue(ZprofStatus s, String name) {
        return find(s.rules(), r -> r.rule().equals(name), RuleStatus::value);
    }

    private static double reporter(ZprofStatus s, String name, ToLongFunction<ReporterStatus> field) {
        return find(s.reporters(), r -> r.name().equals(name), r -> field.applyAsLong(r));
    }

    /** @return the field of the first item that matches, NaN when none does (not in this status) */
    private static <T> double find(List<T> items, Predicate<T> which, ToDoubleFunction<T> field) {
        for (T item : items) {
            if (which.test(item)) {
                return field.applyAsDouble(item);
            }
        }
        return Double.NaN;
    }
}
