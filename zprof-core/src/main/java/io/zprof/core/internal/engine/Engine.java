package io.zprof.core.internal.engine;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ConfigValues;
import io.zprof.api.config.ConfigurationException;
import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.ReportEvent;
import io.zprof.api.spi.ProviderContext;
import io.zprof.core.internal.discovery.ProviderLoader;
import io.zprof.core.internal.dump.DumpDirectoryHealth;
import io.zprof.core.internal.engine.EngineCounters.Counter;
import io.zprof.core.internal.report.NamedReporter;
import io.zprof.core.internal.report.TimeSource;
import io.zprof.core.status.ZprofStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine: samples on one dedicated thread ({@link SamplerLoop}) through the {@link SamplingCycle}, hands
 * firing rules to the {@link Capturer}, and swaps configurations atomically, rebuilding only the components whose
 * settings changed. Lifecycle methods are idempotent and thread-safe.
 */
public final class Engine {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    /** stop() returns within this, even when a collector hangs in a cycle. */
    private static final Duration STOP_BUDGET = Duration.ofMillis(800);
    /** stop() waits at least this long for a running cycle before closing the components under it. */
    private static final long STOP_LOCK_MIN_WAIT_MILLIS = 50;
    /** How long update() waits for a running cycle before giving up, changing nothing. */
    private static final long UPDATE_LOCK_WAIT_MILLIS = 2_000;

    private final Object lifecycle = new Object();
    private final CycleLock cycleLock = new CycleLock(this::cycleLocked);
    private final ComponentAssembler assembler;
    private final Clock clock;
    private final EventIds ids = new EventIds();
    /** Every rule type known: the built-in ones and the providers found. */
    private final RuleTypes ruleTypes;
    /** Refuses adapter keys that no present provider reads. */
    private final AdapterSettingKeys adapterKeys;
    /** No sampler thread: cycles run only through {@link #tryCycle} and {@link #cycle()} (tests drive them). */
    private final boolean manualSampling;
    private final EngineCounters counters = new EngineCounters();
    private final DumpDirectoryHealth dumpDirectory;
    private final EventPublisher publisher;
    private final SamplingCycle cycle;
    private final GcHeapCaptures gcHeap;
    private final StatusAssembly statusAssembly;

    private volatile Generation generation;
    private volatile boolean running;
    private volatile SamplerLoop sampler;
    private volatile PeriodicWork periodic;
    private volatile Capturer capturer;
    /** What status() shows about providers and reporters once stopped: the last generation's view. */
    private volatile Components.Statuses stopped = Components.Statuses.NONE;

    /**
     * @param config          initial configuration
     * @param properties      the flat properties it came from (adapters read their scoped keys)
     * @param loader          provider discovery
     * @param deliveryFactory builds report delivery for the configured reporters
     * @param clock           wall clock for event times, cooldowns and the elapsed time of rates (CPU %, throttling)
     * @throws ConfigurationException naming an adapter key that no present provider reads
     */
    public Engine(ZprofConfig config, ConfigProperties properties, ProviderLoader loader,
                  BiFunction<List<NamedReporter>, ProviderContext, Delivery> deliveryFactory, Clock clock) {
        this(config, properties, loader, deliveryFactory, clock, false);
    }

    /**
     * @param config          initial configuration
     * @param properties      the flat properties it came from (adapters read their scoped keys)
     * @param loader          provider discovery
     * @param deliveryFactory builds report delivery for the configured reporters
     * @param clock           wall clock for event times, cooldowns and the elapsed time of rates (CPU %, throttling)
     * @param manualSampling  no sampler thread: cycles run only when the caller asks ({@link #tryCycle})
     * @throws ConfigurationException naming an adapter key that no present provider reads
     */
    public Engine(ZprofConfig config, ConfigProperties properties, ProviderLoader loader,
                  BiFunction<List<NamedReporter>, ProviderContext, Delivery> deliveryFactory, Clock clock,
                  boolean manualSampling) {
        this.manualSampling = manualSampling;
        this.adapterKeys = new AdapterSettingKeys(loader);
        adapterKeys.check(properties);
        this.ruleTypes = new RuleTypes(loader);
        List<RulePlan> plans = ruleTypes.plan(config);
        this.assembler = new ComponentAssembler(loader, deliveryFactory);
        this.clock = clock;
        this.dumpDirectory = new DumpDirectoryHealth(clock);
        this.generation = new Generation(1, config, properties, null);
        this.publisher = new EventPublisher(counters, () -> generation.components());
        this.cycle = new SamplingCycle(clock, counters, ids);
        this.gcHeap = new GcHeapCaptures(new GcHeapCaptures.Services(() -> generation, () -> running ? capturer : null,
                cycle::history, ids, counters, clock));
        this.statusAssembly = new StatusAssembly(cycle, gcHeap, counters, publisher, dumpDirectory);
        cycle.rules().apply(plans, false);
    }

    /** @return the configuration in force */
    public ZprofConfig config() {
        return generation.config();
    }

    /** @return whether sampling runs */
    public boolean isRunning() {
        return running;
    }

    /**
     * @param name a name for status and logs
     * @param pool a pool the shrinker may shrink after a thread leak (and restore later)
     */
    public void registerThreadPool(String name, ThreadPoolExecutor pool) {
        cycle.registerThreadPool(name, pool);
    }

    /** @param listener called with every event (threads: see {@code Zprof.addListener}); what it throws is counted */
    public void addListener(Consumer<ReportEvent> listener) {
        publisher.addListener(listener);
    }

    /**
     * Builds the components and starts sampling. Idempotent.
     *
     * @throws ConfigurationException when an adapter rejects its configuration or the dump directory cannot be used
     *         (the message names {@code zprof.dump.path} and the path); nothing is left running
     */
    public void start() {
        synchronized (lifecycle) {
            if (running) {
                return;
            }
            Generation g = generation;
            DumpDirectoryChecks.require(g.config(), dumpDirectory);
            ProviderContext ctx = context(g.config(), g.properties());
            Components components = assembler.assemble(ctx, null);
            // everything a cycle touches exists before the generation with components is published
            cycle.start(g.config());
            capturer = new Capturer(publisher, counters, clock, dumpDirectory);
            periodic = new PeriodicWork(gcHeap::onGc, new ProfileChunks.Services(() -> generation, ids, capturer,
                    publisher, counters, dumpDirectory, clock));
            // the interval is measured on the engine's clock, like cooldowns and delivery: a test's clock drives it
            sampler = manualSampling ? null : new SamplerLoop(this::safeCycle,
                    () -> generation.config().collectInterval().toNanos(), new ZprofThreadFactory("sampler"),
                    TimeSource.of(clock));
            gcHeap.abandonSeries();
            generation = new Generation(g.number(), g.config(), g.properties(), components);
            components.goLive(ctx);
            running = true;
            periodic.schedule(g.config());
            if (sampler != null) {
                sampler.start();
            }
            LOG.info("zprof started: interval {}, dumps in {}", ConfigValues.formatDuration(g.config().collectInterval()),
                    g.config().dump().directory().toAbsolutePath());
        }
    }

    /** Stops sampling, flushes reporters within their bound, and stops every zprof thread. Idempotent. */
    public void stop() {
        synchronized (lifecycle) {
            if (!running) {
                return;
            }
            running = false;
            long deadline = System.nanoTime() + STOP_BUDGET.toNanos();
            periodic.closeGcNotifications();
            boolean samplerEnded = sampler == null || sampler.stop(remainingMillis(deadline) / 2);
            // the last profiling chunk is cut before the capturer stops taking work, and delivered (or spooled) by
            // the delivery's flush below
            periodic.shutdown(remainingMillis(deadline));
            capturer.shutdown();
            // after the sampler and the scheduler: a cycle or a shrink step can no longer shrink pools behind it
            cycle.shrink().restoreNow();
            capturer.awaitTermination(remainingMillis(deadline));
            Generation g = generation;
            // a sampleNow() on a host thread may be mid-cycle: give it a moment even when captures used the budget
            boolean locked = cycleLock.tryLock(Math.max(STOP_LOCK_MIN_WAIT_MILLIS, remainingMillis(deadline)));
            try {
                // unpublish before closing: a cycle (sampleNow() or a late scheduled one) must not collect through them
                generation = new Generation(g.number(), g.config(), g.properties(), null);
            } finally {
                if (locked) {
                    cycleLock.unlock();
                }
            }
            if (!samplerEnded || !locked) {
                LOG.warn("zprof: a sampling cycle did not finish within the stop budget (a collector hangs?); its "
                        + "daemon thread is abandoned and the components are closed under it");
            }
            if (g.components() != null) {
                List<io.zprof.core.status.ProviderStatus> providers = g.components().statuses;
                g.components().close();
                stopped = new Components.Statuses(providers, g.components().delivery.status());
            }
            LOG.info("zprof stopped");
        }
    }

    /**
     * Applies a new configuration atomically: everything is validated and built first, so a failed update changes
     * nothing. Only the components whose own settings changed are new; the others are kept, the very instances.
     * Cooldowns and warm-up survive; rule windows restart only when their length or the interval changes.
     *
     * @param next       the new typed configuration
     * @param properties its flat properties
     * @throws ConfigurationException when the configuration or an adapter's settings are invalid, or a new dump
     *                                directory cannot be used
     * @throws IllegalStateException   when a sampling cycle hangs (in a collector) and blocks the swap; nothing changed
     */
    public void update(ZprofConfig next, ConfigProperties properties) {
        synchronized (lifecycle) {
            adapterKeys.check(properties);
            List<RulePlan> plans = ruleTypes.plan(next);
            Generation old = generation;
            boolean rebuild = running && old.componentsDifferFrom(next, properties);
            boolean moved = !next.dump().directory().equals(old.config().dump().directory());
            if (moved) {
                // a directory that broke while running is the health's to report, not a reason to refuse other settings;
                // checked apart from the engine's health, so that a refused update leaves status() as it was
                DumpDirectoryChecks.require(next, new DumpDirectoryHealth(clock));
            }
            ProviderContext ctx = context(next, properties);
            if (!running) {
                // nothing is built while stopped, but a bad adapter setting must fail here, not at the next start()
                assembler.validate(ctx);
            }
            // only what changed is new: every component whose settings are the same is kept, the very instance
            Components components = rebuild ? assembler.assemble(ctx, old.components()) : old.components();
            if (!cycleLock.tryLock(UPDATE_LOCK_WAIT_MILLIS)) {
                if (rebuild) {
                    components.close();
                }
                throw new IllegalStateException("zprof: configuration not updated: a sampling cycle has not finished for "
                        + UPDATE_LOCK_WAIT_MILLIS + " ms (a collector hangs?); nothing was changed");
            }
            boolean intervalChanged = !old.config().collectInterval().equals(next.collectInterval());
            try {
                cycle.rules().apply(plans, intervalChanged);
                generation = new Generation(old.number() + 1, next, properties, components);
            } finally {
                cycleLock.unlock();
            }
            if (rebuild) {
                components.goLive(ctx);
            }
            if (moved) {
                DumpDirectoryChecks.record(next, dumpDirectory);
            }
            if (running) {
                if (sampler != null && intervalChanged) {
                    sampler.reschedule();
                }
                if (rebuild || !old.config().gcHeap().equals(next.gcHeap())
                        || !old.config().profiling().equals(next.profiling())) {
                    // not for every update: rescheduling restarts the profiling chunk's interval, and updates
                    // pushed more often than it would never let a chunk be cut
                    periodic.schedule(next);
                }
            }
            if (rebuild && old.components() != null) {
                old.components().close();
            }
            LOG.info("zprof configuration updated to generation {}", old.number() + 1);
        }
    }

    /** @return a snapshot of providers, rules, metrics, counters, reporters and recent events */
    public ZprofStatus status() {
        SamplerLoop loop = sampler;
        return statusAssembly.assemble(running, generation, cycleLock, loop == null ? -1 : loop.threadCpuNanos(),
                stopped);
    }

    /** Runs one sampling cycle now, on the caller's thread (the sampler loop, tests and benchmarks). */
    public void cycle() {
        cycleLock.run();
    }

    /**
     * Runs one sampling cycle on the caller's thread unless another holds the cycle longer than the given time (a
     * collector stuck in a read holds it as long as it is stuck): an application's thread must not wait on a plugin.
     *
     * @param millis how long to wait for a cycle in progress
     * @return whether the cycle ran (not when stopped)
     */
    public boolean tryCycle(long millis) {
        return cycleLock.tryRun(millis);
    }

    /**
     * Captures now what the caller asks for, through the same pipeline as a rule's capture; never blocks (it reads
     * the generation in force without a lock: a capture racing stop() ends with an event that says so).
     *
     * @param kinds  what to capture
     * @param reason why, carried by the event
     * @return completed with the event once it is published; exceptionally with an {@link IllegalStateException}
     *         when the engine is not running or another capture is in progress
     */
    public CompletableFuture<ReportEvent> capture(Set<DumpKind> kinds, String reason) {
        CompletableFuture<ReportEvent> result = new CompletableFuture<>();
        Generation g = generation;
        Capturer c = capturer;
        if (!running || g.components() == null || c == null) {
            result.completeExceptionally(new IllegalStateException("zprof: cannot capture: zprof is not running"));
            return result;
        }
        long now = clock.millis();
        CaptureJob busy = c.submitIfIdle(CaptureJob.manual(g, ids.next(now), kinds, reason, now, cycle.history(), result));
        if (busy != null) {
            result.completeExceptionally(new IllegalStateException("zprof: cannot capture: a capture is already in "
                    + "progress (" + busy.describe() + ")"));
        } else {
            LOG.info("zprof manual capture of {}: {}", kinds, reason);
        }
        return result;
    }

    /** @return whether a cycle ran: not while stopped */
    private boolean cycleLocked() {
        // the caller holds the cycle lock: update() swaps generations under it and closes the old components afterwards,
        // so a cycle never collects through a closed collector
        Generation g = generation;
        if (g.components() == null) {
            return false;
        }
        cycle.run(g, capturer, periodic.scheduler());
        return true;
    }

    private void safeCycle() {
        try {
            cycle();
        } catch (RuntimeException | Error e) {
            counters.increment(Counter.COLLECT_ERRORS);
            LOG.warn("zprof: sampling cycle failed: {}", e.toString(), e);
        }
    }

    private ProviderContext context(ZprofConfig config, ConfigProperties props) {
        return new EngineProviderContext(config, props);
    }

    private static long remainingMillis(long deadlineNanos) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }
}
