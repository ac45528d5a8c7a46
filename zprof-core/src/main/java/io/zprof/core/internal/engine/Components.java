package io.zprof.core.internal.engine;

import io.zprof.api.model.DumpKind;
import io.zprof.api.port.Dumper;
import io.zprof.api.port.Reporter;
import io.zprof.api.port.Shrinker;
import io.zprof.api.spi.ProviderContext;
import io.zprof.core.internal.report.NamedReporter;
import io.zprof.core.status.ProviderStatus;
import io.zprof.core.status.ReporterStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The components of one configuration generation: collectors, dumpers per kind, report delivery and the
 * shrinker, with the provider statuses that explain the selection. Each is a {@link ComponentPart} that later
 * generations may share; closing lets go of them in reverse order of creation, once the last capture using this
 * generation has ended, and a part closes when no generation holds it any more.
 */
final class Components implements AutoCloseable {
    final List<CollectorBinding> collectors;
    final Map<DumpKind, Dumper> dumpers;
    final Delivery delivery;
    final Shrinker shrinker;
    final List<ProviderStatus> statuses;
    /** The reporters in force, with what each was created from; the delivery owns (and closes) them. */
    final List<ComponentPart<Reporter>> reporters;
    private final List<ComponentPart<?>> parts;
    /** Whether the delivery came from the previous generation: it takes this one's reporters when it goes live. */
    private final boolean deliveryShared;
    /** Reporters created for this generation that no delivery owns yet: closed here if it never goes live. */
    private volatile List<Reporter> unowned;
    /** The generation's own reference plus one per running capture. */
    private final AtomicInteger users = new AtomicInteger(1);
    private final AtomicBoolean closing = new AtomicBoolean();

    /**
     * @param collectors the collectors with the metrics each serves
     * @param dumpers    the dumper of each kind
     * @param delivery   report delivery ({@link Delivery#NONE} without reporters)
     * @param shrinker   the shrinker, or {@code null}
     * @param statuses   why each provider was or was not chosen
     * @param reporters  the reporters in force
     * @param parts      every part this generation holds (taken here), the delivery last
     * @param deliveryShared whether the delivery came from the previous generation
     * @param unowned    reporters created for it that a shared delivery does not own until {@link #goLive}
     */
    Components(List<CollectorBinding> collectors, Map<DumpKind, Dumper> dumpers, Delivery delivery, Shrinker shrinker,
               List<ProviderStatus> statuses, List<ComponentPart<Reporter>> reporters, List<ComponentPart<?>> parts,
               boolean deliveryShared, List<Reporter> unowned) {
        this.collectors = List.copyOf(collectors);
        this.dumpers = Map.copyOf(dumpers);
        this.delivery = delivery;
        this.shrinker = shrinker;
        this.statuses = List.copyOf(statuses);
        this.reporters = List.copyOf(reporters);
        this.parts = List.copyOf(parts);
        this.deliveryShared = deliveryShared;
        this.unowned = List.copyOf(unowned);
        this.parts.forEach(ComponentPart::retain);
    }

    /**
     * What status() shows of a generation's providers and reporters.
     *
     * @param providers why each provider was or was not chosen
     * @param reporters delivery counters per reporter
     */
    record Statuses(List<ProviderStatus> providers, List<ReporterStatus> reporters) {
        /** Before the first start. */
        static final Statuses NONE = new Statuses(List.of(), List.of());
    }

    /**
     * Called once this generation is published: a delivery it shares with the previous generation takes its
     * reporters (keeping the channel of every reporter that is the same instance).
     *
     * @param ctx the configuration
     */
    void goLive(ProviderContext ctx) {
        if (deliveryShared) {
            delivery.apply(named(), ctx.config());
        }
        unowned = List.of();
    }

    /** @return the reporters in force, by name */
    List<NamedReporter> named() {
        List<NamedReporter> out = new ArrayList<>(reporters.size());
        for (ComponentPart<Reporter> r : reporters) {
            out.add(new NamedReporter(r.origin().provider(), r.component()));
        }
        return out;
    }

    /** @return every part, for the assembly of the next generation */
    List<ComponentPart<?>> parts() {
        return parts;
    }

    /**
     * Takes a lease for a capture: the components stay open until it is released, even if {@link #close()} is called
     * meanwhile (an update or stop while a capture still records).
     *
     * @return false when they are closing or closed: the capture must not use them
     */
    boolean acquire() {
        while (!closing.get()) {
            int n = users.get();
            if (n == 0) {
                return false;
            }
            if (users.compareAndSet(n, n + 1)) {
                return true;
            }
        }
        return false;
    }

    /** Returns a lease; the last one out lets go of the parts if {@link #close()} was called. */
    void release() {
        if (users.decrementAndGet() == 0) {
            // the last user may be a capture stop() interrupted: closing (the delivery's flush, which waits for its
            // workers) must not see that interrupt and skip its waiting
            boolean interrupted = Thread.interrupted();
            try {
                closeAll();
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Closes now, or when the last capture using them ends. Idempotent. */
    @Override
    public void close() {
        if (closing.compareAndSet(false, true)) {
            release();
        }
    }

    private void closeAll() {
        unowned.forEach(ComponentPart::closeQuietly);
        unowned = List.of();
        for (int i = parts.size() - 1; i >= 0; i--) {
            parts.get(i).release();
        }
    }
}
