package io.zprof.core.internal.engine;

import io.zprof.api.config.GcHeapConfig;
import io.zprof.core.internal.engine.EngineCounters.Counter;
import io.zprof.core.internal.gc.GcNotifications;
import io.zprof.core.status.RuleStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GC-heap rule: told of every garbage collection, it asks the {@link GcHeapTrigger} whether the heap left after
 * it starts or continues a capture series, and submits the series' captures.
 */
final class GcHeapCaptures {
    private static final Logger LOG = LoggerFactory.getLogger(GcHeapCaptures.class);

    /**
     * What the rule needs of the engine.
     *
     * @param generation the generation in force; without components while stopped
     * @param capturer   the capturer while running
     * @param history    the metric history, for the timelines
     * @param ids        event ids
     * @param counters   counts the collections observed
     * @param clock      the engine's clock
     */
    record Services(Supplier<Generation> generation, Supplier<Capturer> capturer, Supplier<MetricHistory> history,
                    EventIds ids, EngineCounters counters, Clock clock) {
    }

    private final Services s;
    private final GcHeapTrigger trigger = new GcHeapTrigger();

    /** @param services what the rule needs of the engine */
    GcHeapCaptures(Services services) {
        this.s = services;
    }

    /** At start: a series of an earlier run does not continue. */
    void abandonSeries() {
        synchronized (trigger) {
            trigger.abandonSeries();
        }
    }

    /** @param obs a garbage collection that just ended */
    void onGc(GcNotifications.GcObservation obs) {
        s.counters().increment(Counter.GC_OBSERVED);
        Generation g = s.generation().get();
        Capturer capturer = s.capturer().get();
        if (g.components() == null || capturer == null) {
            return;
        }
        long now = s.clock().millis();
        GcHeapTrigger.Action action;
        int sequence;
        long series;
        String reason;
        synchronized (trigger) {
            action = trigger.onGc(g.config().gcHeap(), obs.ratio(), now, Long.parseLong(s.ids().next(now)));
            sequence = trigger.capturedInSeries();
            series = trigger.seriesId();
            reason = trigger.reason() + " after " + obs.gcName() + " (" + obs.cause() + ")";
        }
        if (action != GcHeapTrigger.Action.CAPTURE) {
            return;
        }
        LOG.info("zprof rule gcheap {}", reason);
        String id = sequence == 1 ? Long.toString(series) : s.ids().next(now);
        capturer.submit(CaptureJob.forGcSeries(g, id, series, sequence, obs.ratio(), reason,
                capturer.seriesArtifacts(series), now, s.history().get(), wroteNothing -> {
                    synchronized (trigger) {
                        trigger.captureDone(s.generation().get().config().gcHeap(), s.clock().millis());
                    }
                }));
    }

    /** @param cfg the rule's settings in force @return the rule's state, for status() */
    RuleStatus status(GcHeapConfig cfg) {
        synchronized (trigger) {
            return new RuleStatus("gcheap", cfg.enabled(), trigger.lastRatio(), Double.NaN,
                    cfg.enabled() ? trigger.reason() : "disabled", trigger.firedCount(),
                    trigger.lastFired() == Long.MIN_VALUE ? null : Instant.ofEpochMilli(trigger.lastFired()));
        }
    }
}
