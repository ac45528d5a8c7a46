package io.zprof.core.internal.engine;

import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.Metric;
import io.zprof.core.internal.engine.EngineCounters.Counter;
import io.zprof.core.status.MetricValue;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sampling cycle and the state cycles carry: collect through every collector, derive rates, record the history,
 * evaluate the rules and submit the captures of those that fire, and take thread shrinking's step. The engine runs
 * it under its cycle lock, so configurations never change under a cycle.
 */
final class SamplingCycle {
    private static final Logger LOG = LoggerFactory.getLogger(SamplingCycle.class);

    private final Clock clock;
    private final EngineCounters counters;
    private final EventIds ids;
    private final MetricTable table = new MetricTable();
    private final DerivedMetrics derived = new DerivedMetrics();
    private final RuleSet rules = new RuleSet();
    private final ShrinkController shrink = new ShrinkController();
    private final Map<String, ThreadPoolExecutor> pools = new ConcurrentHashMap<>();
    /** The last origins collectors gave, shown while a cycle holds the lock. */
    private final Map<Metric, String> origins = new ConcurrentHashMap<>();
    private volatile MetricHistory history;
    private long collectErrorsLogged;
    private long samplesRejectedLogged;

    /**
     * @param clock    the engine's clock: cycle times, cooldowns and the elapsed time of rates
     * @param counters counts cycles, collector failures and rejected samples
     * @param ids      event ids for the captures
     */
    SamplingCycle(Clock clock, EngineCounters counters, EventIds ids) {
        this.clock = clock;
        this.counters = counters;
        this.ids = ids;
    }

    /** @param cfg the configuration the engine starts with: a new, empty history sized for its interval */
    void start(ZprofConfig cfg) {
        long perFiveMinutes = Duration.ofMinutes(5).toMillis() / Math.max(1, cfg.collectInterval().toMillis());
        history = new MetricHistory((int) Math.max(60, Math.min(1000, perFiveMinutes)));
    }

    /** @return the rules in force */
    RuleSet rules() {
        return rules;
    }

    /** @return thread shrinking's state */
    ShrinkController shrink() {
        return shrink;
    }

    /** @return the metric history since start, for the captures' timelines */
    MetricHistory history() {
        return history;
    }

    /** @param name a name for status and logs @param pool a pool the shrinker may shrink */
    void registerThreadPool(String name, ThreadPoolExecutor pool) {
        pools.put(name, pool);
    }

    /**
     * Runs one cycle; the caller holds the engine's cycle lock.
     *
     * @param g         the generation in force, with components
     * @param capturer  runs the captures of the rules that fire
     * @param scheduler for thread shrinking's delayed steps
     */
    void run(Generation g, Capturer capturer, ScheduledExecutorService scheduler) {
        Components comps = g.components();
        ZprofConfig cfg = g.config();
        long now = clock.millis();
        table.clear();
        for (CollectorBinding b : comps.collectors) {
            try {
                b.collectInto(table);
            } catch (RuntimeException | Error e) {
                // a plugin's StackOverflowError or OutOfMemoryError must not end the sampler or reach sampleNow()'s caller
                collectFailed(b.providerName, e);
            }
        }
        // rates take their elapsed time from the same clock as event times and cooldowns (tests drive it)
        derived.derive(table, cfg.resource(), TimeUnit.MILLISECONDS.toNanos(now));
        if (table.rejected() > 0) {
            onRejectedSamples();
        }
        history.record(now, table);
        counters.increment(Counter.CYCLES);
        rules.evaluate(table, now, t -> {
            LOG.info("zprof rule {} {}", t.rule, t.lastDecision().reason());
            capturer.submit(CaptureJob.forRule(g, ids.next(now), t, now, history));
        });
        if (cfg.shrink().enabled()) {
            double threads = table.get(Metric.JVM_THREADS);
            shrink.onSample(cfg.shrink(), threads, now, comps.shrinker, pools, () -> capturer.submit(
                    CaptureJob.forShrink(g, ids.next(now), threads, shrink.reason(), now, history)), scheduler, clock);
        }
    }

    /**
     * Counts a collector's (or a whole cycle's) failure; logs the first in full, then one line per 100, so a
     * broken collector cannot flood the log.
     *
     * @param source the collector's provider, or what failed
     * @param e      the failure
     */
    void collectFailed(String source, Throwable e) {
        counters.increment(Counter.COLLECT_ERRORS);
        if (collectErrorsLogged++ % 100 == 0) {
            LOG.warn("zprof: collector '{}' failed (its metrics are missing this cycle): {}", source, e.toString(), e);
        }
    }

    /**
     * @param comps  the components in force, or {@code null} while stopped
     * @param locked whether the caller holds the cycle lock: only then are collectors asked where their values came
     *               from (a collector stuck in a read holds its own lock too); otherwise the last answers are shown
     * @return the last cycle's metrics with their sources and origins
     */
    List<MetricValue> metricValues(Components comps, boolean locked) {
        List<MetricValue> out = new ArrayList<>();
        for (Metric m : Metric.known()) {
            if (table.has(m)) {
                String origin = locked && comps != null ? askOrigin(comps, m) : origins.get(m);
                out.add(new MetricValue(m, table.get(m), table.source(m), origin));
            }
        }
        return out;
    }

    private String askOrigin(Components comps, Metric m) {
        String origin = null;
        for (CollectorBinding b : comps.collectors) {
            if (b.wants(m)) {
                try {
                    origin = b.collector.originOf(m);
                } catch (RuntimeException e) {
                    LOG.debug("zprof: collector '{}' could not say where {} came from: {}", b.providerName, m.key(), e.toString());
                }
                break;
            }
        }
        if (origin == null) {
            origins.remove(m);
        } else {
            origins.put(m, origin);
        }
        return origin;
    }

    /** Counts the infinite samples the table rejected this cycle; logs the first, then one line per 100 cycles. */
    private void onRejectedSamples() {
        counters.add(Counter.SAMPLES_REJECTED, table.rejected());
        if (samplesRejectedLogged++ % 100 == 0) {
            LOG.warn("zprof: rejected {} sample(s) that are not finite numbers, first {}; a rejected sample is "
                    + "missing this cycle (rules say no data; averages and the timeline leave it out)",
                    table.rejected(), table.firstRejected());
        }
    }
}
