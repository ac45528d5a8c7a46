package io.zprof.core.internal.engine;

import io.zprof.core.internal.dump.DumpDirectoryHealth;
import io.zprof.core.status.MetricValue;
import io.zprof.core.status.ProviderStatus;
import io.zprof.core.status.ReporterStatus;
import io.zprof.core.status.RuleStatus;
import io.zprof.core.status.ZprofStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Puts status() together from the parts of the engine that hold it: rules, metrics, the GC-heap and shrink rules,
 * counters, providers, reporters, the dump directory and the recent events. Never blocks the caller behind a cycle
 * that hangs in a collector: it waits {@value #CYCLE_WAIT_MILLIS} ms for the cycle lock, then reads without it.
 */
final class StatusAssembly {
    /** Status counter: CPU microseconds zprof's sampler thread has used since start, or in all (after stop). */
    static final String SAMPLER_CPU_COUNTER = ZprofStatus.SAMPLER_CPU_MICROS;
    /** How long status() waits for a running cycle before reading without it (values may then be mid-update). */
    static final long CYCLE_WAIT_MILLIS = 100;

    private final SamplingCycle cycle;
    private final GcHeapCaptures gcHeap;
    private final EngineCounters counters;
    private final EventPublisher publisher;
    private final DumpDirectoryHealth dumpDirectory;

    /**
     * @param cycle         rules, metrics and shrinking
     * @param gcHeap        the GC-heap rule
     * @param counters      the engine's counters
     * @param publisher     the recent events
     * @param dumpDirectory the dump directory's health
     */
    StatusAssembly(SamplingCycle cycle, GcHeapCaptures gcHeap, EngineCounters counters, EventPublisher publisher,
                   DumpDirectoryHealth dumpDirectory) {
        this.cycle = cycle;
        this.gcHeap = gcHeap;
        this.counters = counters;
        this.publisher = publisher;
        this.dumpDirectory = dumpDirectory;
    }

    /**
     * @param running   whether the engine samples
     * @param g         the generation in force
     * @param cycleLock held by a running cycle
     * @param samplerCpuNanos CPU time of the sampler thread, or negative when there is none
     * @param stopped   what status() shows of providers and reporters while there are no components: the last
     *                  generation's view
     * @return the status
     */
    ZprofStatus assemble(boolean running, Generation g, CycleLock cycleLock, long samplerCpuNanos,
                         Components.Statuses stopped) {
        List<RuleStatus> rules;
        List<MetricValue> metrics;
        boolean locked = cycleLock.tryLock(CYCLE_WAIT_MILLIS);
        try {
            rules = new ArrayList<>(cycle.rules().statuses());
            metrics = cycle.metricValues(g.components(), locked);
        } finally {
            if (locked) {
                cycleLock.unlock();
            }
        }
        rules.add(gcHeap.status(g.config().gcHeap()));
        ShrinkController shrink = cycle.shrink();
        boolean shrinking = g.config().shrink().enabled();
        rules.add(new RuleStatus("shrink", shrinking, Double.NaN, Double.NaN, shrinking ? shrink.reason() : "disabled",
                shrink.shrinkCount(), null));
        rules.replaceAll(this::withLastEvent);
        Map<String, Long> c = counters.snapshot();
        if (samplerCpuNanos >= 0) {
            c.put(SAMPLER_CPU_COUNTER, samplerCpuNanos / 1000);
        }
        Components comps = g.components();
        List<ProviderStatus> providers = comps == null ? stopped.providers() : comps.statuses;
        List<ReporterStatus> reporters = comps == null ? stopped.reporters() : comps.delivery.status();
        return new ZprofStatus(running, g.number(), g.config().dryRun(), providers, rules, metrics, c, reporters,
                dumpDirectory.status(), publisher.recent());
    }

    private RuleStatus withLastEvent(RuleStatus r) {
        return new RuleStatus(r.rule(), r.enabled(), r.value(), r.average(), r.reason(), r.firedCount(), r.lastFired(),
                publisher.lastEvent(r.rule()));
    }
}
