package io.zprof.core.internal.engine;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ConfigValues;
import io.zprof.api.config.ConfigurationException;
import io.zprof.api.config.GcMonitorMode;
import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.Decision;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.EventType;
import io.zprof.api.model.Metric;
import io.zprof.api.model.MetricSource;
import io.zprof.api.model.ReportEvent;
import io.zprof.api.spi.ProviderContext;
import io.zprof.core.internal.discovery.ProviderLoader;
import io.zprof.core.internal.dump.DumpDirectory;
import io.zprof.core.internal.dump.DumpDirectoryHealth;
import io.zprof.core.internal.gc.GcNotifications;
import io.zprof.core.status.MetricValue;
import io.zprof.core.status.RuleStatus;
import io.zprof.core.status.ZprofStatus;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine: samples on one dedicated thread ({@link SamplerLoop}), evaluates the rules, hands firing rules to the
 * {@link Capturer}, and swaps configurations atomically. Lifecycle methods are idempotent and thread-safe.
 */
public final class Engine {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    private static final int RECENT_EVENTS = 20;
    /** Status counter: CPU microseconds zprof's sampler thread has used since start, or in all (after stop). */
    private static final String SAMPLER_CPU_COUNTER = "samplerCpuMicros";
    /** stop() returns within this, even when a collector hangs in a cycle. */
    private static final Duration STOP_BUDGET = Duration.ofMillis(800);
    /** stop() waits at least this long for a running cycle before closing the components under it. */
    private static final long STOP_LOCK_MIN_WAIT_MILLIS = 50;
    /** How long status() waits for a running cycle before reading without it (values may then be mid-update). */
    private static final long STATUS_LOCK_WAIT_MILLIS = 100;
    /** How long update() waits for a running cycle before giving up, changing nothing. */
    private static final long UPDATE_LOCK_WAIT_MILLIS = 2_000;

    private final Object lifecycle = new Object();
    private final ReentrantLock sampleLock = new ReentrantLock();
    private final ComponentAssembler assembler;
    private final Clock clock;
    private final EventIds ids = new EventIds();
    /** Every rule type known: the built-in ones and the providers found. */
    private final RuleTypes ruleTypes;
    /** The rules in force, by name; replaced (under sampleLock) when a configuration is applied. */
    private final Map<String, RuleTracker> trackers = new LinkedHashMap<>();
    /** The same trackers, for the cycle to walk without an iterator. */
    private volatile RuleTracker[] trackerArray;
    private final MetricTable table = new MetricTable();
    private final Derivations derivations = new Derivations();
    private final GcHeapTrigger gcTrigger = new GcHeapTrigger();
    private final ShrinkController shrink = new ShrinkController();
    private final Map<String, ThreadPoolExecutor> pools = new ConcurrentHashMap<>();
    private final Deque<ReportEvent> recent = new ArrayDeque<>();
    private final List<Consumer<ReportEvent>> listeners = new CopyOnWriteArrayList<>();
    /** This engine, to its reporters' spools: one configuration hands a spool over to the next (see Spool). */
    private final Object spoolOwner = new Object();
    private final Map<String, AtomicLong> counters = new LinkedHashMap<>();
    private final DumpDirectoryHealth dumpDirectory;

    private volatile Generation generation;
    private volatile boolean running;
    private volatile MetricHistory history;
    private volatile SamplerLoop sampler;
    /** Delayed and periodic work besides sampling: shrink steps, GC polling, continuous-profiling chunks. */
    private volatile ScheduledThreadPoolExecutor scheduler;
    private final List<ScheduledFuture<?>> scheduled = new ArrayList<>();
    private volatile Capturer capturer;
    /** Cuts the continuous-profiling chunks while profiling is on, else {@code null}. */
    private volatile ChunkCutter chunks;
    /** What status() shows about providers and reporters once stopped: the last generation's view. */
    private volatile List<io.zprof.core.status.ProviderStatus> stoppedStatuses = List.of();
    private volatile List<io.zprof.core.status.ReporterStatus> stoppedReporters = List.of();
    private GcNotifications gcNotifications;
    /** Refuses adapter keys that no present provider reads. */
    private final AdapterSettingKeys adapterKeys;
    /** No sampler thread: cycles run only through {@link #tryCycle} and {@link #cycle()} (tests drive them). */
    private final boolean manualSampling;
    private long collectErrorsLogged;
    private long samplesRejectedLogged;

    /**
     * @param config          initial configuration
     * @param properties      the flat properties it came from (adapters read their scoped keys)
     * @param loader          provider discovery
     * @param deliveryFactory builds report delivery for the configured reporters
     * @param clock           wall clock for event times, cooldowns and the elapsed time of rates (CPU %, throttling)
     * @throws ConfigurationException naming an adapter key that no present provider reads
     */
    public Engine(ZprofConfig config, ConfigProperties properties, ProviderLoader loader,
                  BiFunction<List<io.zprof.core.internal.report.NamedReporter>, ProviderContext, Delivery> deliveryFactory, Clock clock) {
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
                  BiFunction<List<io.zprof.core.internal.report.NamedReporter>, ProviderContext, Delivery> deliveryFactory, Clock clock,
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
        for (String c : List.of("cycles", "collectErrors", "events", "dryRunEvents", "captureFailures",
                "captureSkips", "captureRejected", "listenerErrors", "gcObserved", "samplesRejected")) {
            counters.put(c, new AtomicLong());
        }
        applyRules(plans, false);
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
        pools.put(name, pool);
    }

    /** @param listener called with every event (threads: see {@code Zprof.addListener}); what it throws is counted */
    public void addListener(Consumer<ReportEvent> listener) {
        listeners.add(listener);
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
            checkDumpDirectory(g.config(), dumpDirectory);
            Components components = assembler.assemble(context(g.config(), g.properties()));
            // everything a cycle touches exists before the generation with components is published
            history = new MetricHistory(historyCapacity(g.config()));
            // its thread starts with the first task: most configurations never schedule one
            scheduler = new ScheduledThreadPoolExecutor(1, new ZprofThreadFactory("scheduler"));
            scheduler.setRemoveOnCancelPolicy(true);
            sampler = manualSampling ? null : new SamplerLoop(this::safeCycle,
                    () -> generation.config().collectInterval().toNanos(), new ZprofThreadFactory("sampler"));
            capturer = new Capturer(this::publish, counters, clock, dumpDirectory);
            synchronized (gcTrigger) {
                gcTrigger.abandonSeries();
            }
            generation = new Generation(g.number(), g.config(), g.properties(), components);
            running = true;
            schedule(g.config());
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
            closeGcNotifications();
            boolean samplerEnded = sampler == null || sampler.stop(remainingMillis(deadline) / 2);
            scheduler.shutdownNow();
            awaitQuietly(scheduler, remainingMillis(deadline));
            ChunkCutter lastChunk = chunks;
            if (lastChunk != null) {
                // the samples since the last chunk: cut before the capturer stops taking work, delivered (or spooled)
                // by the delivery's flush below
                lastChunk.cut(true);
            }
            capturer.shutdown();
            // after the sampler and the scheduler: a cycle or a shrink step can no longer shrink pools behind it
            shrink.restoreNow();
            capturer.awaitTermination(remainingMillis(deadline));
            Generation g = generation;
            // a sampleNow() on a host thread may be mid-cycle: give it a moment even when captures used the budget
            boolean locked = tryLock(Math.max(STOP_LOCK_MIN_WAIT_MILLIS, remainingMillis(deadline)));
            try {
                // unpublish before closing: a cycle (sampleNow() or a late scheduled one) must not collect through them
                generation = new Generation(g.number(), g.config(), g.properties(), null);
            } finally {
                if (locked) {
                    sampleLock.unlock();
                }
            }
            if (!samplerEnded || !locked) {
                LOG.warn("zprof: a sampling cycle did not finish within the stop budget (a collector hangs?); its "
                        + "daemon thread is abandoned and the components are closed under it");
            }
            if (g.components() != null) {
                stoppedStatuses = g.components().statuses;
                g.components().close();
                stoppedReporters = g.components().delivery.status();
            }
            LOG.info("zprof stopped");
        }
    }

    /**
     * Applies a new configuration atomically: everything is validated and built first, so a failed update changes
     * nothing. Cooldowns and warm-up survive; rule windows restart only when their length or the interval changes.
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
                checkDumpDirectory(next, new DumpDirectoryHealth(clock));
            }
            if (!running) {
                // nothing is built while stopped, but a bad adapter setting must fail here, not at the next start()
                assembler.validate(context(next, properties));
            }
            Components components = rebuild ? assembler.assemble(context(next, properties)) : old.components();
            if (!tryLock(UPDATE_LOCK_WAIT_MILLIS)) {
                if (rebuild) {
                    components.close();
                }
                throw new IllegalStateException("zprof: configuration not updated: a sampling cycle has not finished for "
                        + UPDATE_LOCK_WAIT_MILLIS + " ms (a collector hangs?); nothing was changed");
            }
            try {
                applyRules(plans, !old.config().collectInterval().equals(next.collectInterval()));
                generation = new Generation(old.number() + 1, next, properties, components);
            } finally {
                sampleLock.unlock();
            }
            if (moved) {
                recordDumpDirectory(next);
            }
            if (running) {
                if (sampler != null && !old.config().collectInterval().equals(next.collectInterval())) {
                    sampler.reschedule();
                }
                if (rebuild || !old.config().gcHeap().equals(next.gcHeap())
                        || !old.config().profiling().equals(next.profiling())) {
                    // not for every update: rescheduling restarts the profiling chunk's interval, and updates
                    // pushed more often than it would never let a chunk be cut
                    schedule(next);
                }
            }
            if (rebuild && old.components() != null) {
                old.components().close();
            }
            LOG.info("zprof configuration updated to generation {}", old.number() + 1);
        }
    }

    /**
     * Creates the dump directory (when it does not exist), checks that zprof can write in it and removes partial
     * files of dead writers; warns about an existing directory other users can enter.
     *
     * @throws ConfigurationException naming {@code zprof.dump.path} and the path when it cannot be used
     */
    private void checkDumpDirectory(ZprofConfig cfg, DumpDirectoryHealth health) {
        DumpDirectory dir = new DumpDirectory(cfg.dump().directory(), health);
        try {
            dir.prepare();
            dir.looseModeWarning().ifPresent(w -> LOG.warn("zprof: {}", w));
        } catch (IOException e) {
            throw new ConfigurationException(DumpDirectory.SETTING, e.getMessage());
        }
    }

    /** After an update that moved the dump directory: the engine's health now reports the new one. */
    private void recordDumpDirectory(ZprofConfig cfg) {
        try {
            new DumpDirectory(cfg.dump().directory(), dumpDirectory).prepare();
        } catch (IOException e) {
            // usable a moment ago: broken since, which the health reports and logs like any run-time failure
            dumpDirectory.unusable(cfg.dump().directory(), e.getMessage());
        }
    }

    /** @return a snapshot of providers, rules, metrics, counters, reporters and recent events */
    public ZprofStatus status() {
        Generation g = generation;
        List<RuleStatus> rules = new ArrayList<>();
        List<MetricValue> metrics = new ArrayList<>();
        // never block the caller behind a cycle that hangs in a collector
        boolean locked = tryLock(STATUS_LOCK_WAIT_MILLIS);
        try {
            for (RuleTracker t : trackerArray) {
                Decision d = t.lastDecision();
                rules.add(new RuleStatus(t.rule, t.enabled(), d == null ? Double.NaN : d.current(),
                        d == null ? Double.NaN : d.average(), !t.enabled() ? "disabled" : d == null ? "not evaluated yet" : d.reason(),
                        t.firedCount(), t.lastFiredMillis() == Long.MIN_VALUE ? null : Instant.ofEpochMilli(t.lastFiredMillis())));
            }
            for (Metric m : Metric.known()) {
                if (table.has(m)) {
                    metrics.add(new MetricValue(m, table.get(m), table.source(m)));
                }
            }
        } finally {
            if (locked) {
                sampleLock.unlock();
            }
        }
        synchronized (gcTrigger) {
            rules.add(new RuleStatus("gcheap", g.config().gcHeap().enabled(), gcTrigger.lastRatio(), Double.NaN,
                    g.config().gcHeap().enabled() ? gcTrigger.reason() : "disabled", gcTrigger.firedCount(),
                    gcTrigger.lastFired() == Long.MIN_VALUE ? null : Instant.ofEpochMilli(gcTrigger.lastFired())));
        }
        rules.add(new RuleStatus("shrink", g.config().shrink().enabled(), Double.NaN, Double.NaN,
                g.config().shrink().enabled() ? shrink.reason() : "disabled", shrink.shrinkCount(), null));
        Map<String, Long> c = new LinkedHashMap<>();
        counters.forEach((k, v) -> c.put(k, v.get()));
        SamplerLoop loop = sampler;
        long samplerCpu = loop == null ? -1 : loop.threadCpuNanos();
        if (samplerCpu >= 0) {
            c.put(SAMPLER_CPU_COUNTER, samplerCpu / 1000);
        }
        List<ReportEvent> events;
        synchronized (recent) {
            events = new ArrayList<>(recent);
        }
        Components comps = g.components();
        return new ZprofStatus(running, g.number(), g.config().dryRun(), comps == null ? stoppedStatuses : comps.statuses,
                rules, metrics, c, comps == null ? stoppedReporters : comps.delivery.status(), dumpDirectory.status(), events);
    }

    /** Runs one sampling cycle now, on the caller's thread (the sampler loop, tests and benchmarks). */
    public void cycle() {
        sampleLock.lock();
        try {
            cycleLocked();
        } finally {
            sampleLock.unlock();
        }
    }

    /**
     * Runs one sampling cycle on the caller's thread unless another holds the cycle longer than the given time (a
     * collector stuck in a read holds it as long as it is stuck): an application's thread must not wait on a plugin.
     *
     * @param millis how long to wait for a cycle in progress
     * @return whether the cycle ran (not when stopped)
     */
    public boolean tryCycle(long millis) {
        if (!tryLock(millis)) {
            return false;
        }
        try {
            return cycleLocked();
        } finally {
            sampleLock.unlock();
        }
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
        CaptureJob busy = c.submitIfIdle(CaptureJob.manual(g, ids.next(now), kinds, reason, now, history, result));
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
        // the caller holds sampleLock: update() swaps generations under it and closes the old components afterwards,
        // so a cycle never collects through a closed collector
        Generation g = generation;
        Components comps = g.components();
        if (comps == null) {
            return false;
        }
        ZprofConfig cfg = g.config();
        long now = clock.millis();
        table.clear();
        for (CollectorBinding b : comps.collectors) {
            try {
                b.collectInto(table);
            } catch (RuntimeException | Error e) {
                // a plugin's StackOverflowError or OutOfMemoryError must not end the sampler or reach sampleNow()'s caller
                onCollectError(b, e);
            }
        }
        // rates take their elapsed time from the same clock as event times and cooldowns (tests drive it)
        derivations.derive(table, cfg.resource(), TimeUnit.MILLISECONDS.toNanos(now));
        if (table.rejected() > 0) {
            onRejectedSamples();
        }
        history.record(now, table);
        counters.get("cycles").incrementAndGet();
        for (RuleTracker t : trackerArray) {
            if (t.enabled() && t.evaluate(table.get(t.metric), now)) {
                fire(g, t, now);
            }
        }
        if (cfg.shrink().enabled()) {
            shrink.onSample(cfg.shrink(), table.get(Metric.JVM_THREADS), now, comps.shrinker, pools,
                    () -> dumpBeforeShrink(g, now), scheduler, clock);
        }
        return true;
    }

    /**
     * Puts a configuration's rules in force; caller holds sampleLock (or is the constructor). A rule keeps its
     * warm-up, cooldown and window when it stays, watching the same metric; its window restarts only when its length
     * or the interval changes.
     *
     * @param plans           the rules, made and checked
     * @param intervalChanged whether the sampling interval changed
     */
    private void applyRules(List<RulePlan> plans, boolean intervalChanged) {
        Map<String, RuleTracker> next = new LinkedHashMap<>();
        for (RulePlan p : plans) {
            RuleTracker t = trackers.get(p.name());
            if (t == null || t.metric != p.metric()) {
                t = new RuleTracker(p.name(), p.metric(), p.windowSize());
            } else if (intervalChanged || t.windowSize() != p.windowSize()) {
                t.resetWindow(p.windowSize());
            }
            t.configure(p);
            next.put(p.name(), t);
        }
        trackers.clear();
        trackers.putAll(next);
        trackerArray = next.values().toArray(new RuleTracker[0]);
    }

    private void fire(Generation g, RuleTracker tracker, long now) {
        LOG.info("zprof rule {} {}", tracker.rule, tracker.lastDecision().reason());
        capturer.submit(CaptureJob.forRule(g, ids.next(now), tracker, now, history));
    }

    private void dumpBeforeShrink(Generation g, long now) {
        capturer.submit(CaptureJob.forShrink(g, ids.next(now), table.get(Metric.JVM_THREADS), shrink.reason(), now, history));
    }

    private void onGc(GcNotifications.GcObservation obs) {
        counters.get("gcObserved").incrementAndGet();
        Generation g = generation;
        if (!running || g.components() == null) {
            return;
        }
        long now = clock.millis();
        GcHeapTrigger.Action action;
        int sequence;
        long series;
        String reason;
        synchronized (gcTrigger) {
            action = gcTrigger.onGc(g.config().gcHeap(), obs.ratio(), now, Long.parseLong(ids.next(now)));
            sequence = gcTrigger.capturedInSeries();
            series = gcTrigger.seriesId();
            reason = gcTrigger.reason() + " after " + obs.gcName() + " (" + obs.cause() + ")";
        }
        if (action != GcHeapTrigger.Action.CAPTURE) {
            return;
        }
        LOG.info("zprof rule gcheap {}", reason);
        String id = sequence == 1 ? Long.toString(series) : ids.next(now);
        capturer.submit(CaptureJob.forGcSeries(g, id, series, sequence, obs.ratio(), reason, capturer.seriesArtifacts(series),
                now, history, wroteNothing -> {
                    synchronized (gcTrigger) {
                        gcTrigger.captureDone(generation.config().gcHeap(), clock.millis());
                    }
                }));
    }

    /**
     * @param event  the event
     * @param leased a capture's own components (it holds a lease on them, so they are open even after stop()),
     *               used when the engine has none any more; or {@code null}. While running, events go to the current
     *               configuration's reporters, so a capture that spans an update() reaches the reporters now set
     */
    private void publish(ReportEvent event, Components leased) {
        counters.get(event.type() == EventType.DRY_RUN ? "dryRunEvents" : "events").incrementAndGet();
        synchronized (recent) {
            recent.addLast(event);
            while (recent.size() > RECENT_EVENTS) {
                recent.removeFirst();
            }
        }
        for (Consumer<ReportEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException | Error e) {
                counters.get("listenerErrors").incrementAndGet();
                LOG.warn("zprof: event listener failed: {}", e.toString());
            }
        }
        Components current = generation.components();
        // leased for the hand-off: a concurrent update() or stop() must not close them in between
        if (current != null && current.acquire()) {
            try {
                current.delivery.enqueue(event);
            } finally {
                current.release();
            }
        } else if (leased != null) {
            leased.delivery.enqueue(event);
        }
    }

    /** (Re)schedules the GC poller and continuous profiling for {@code cfg}. Caller holds lifecycle. */
    private void schedule(ZprofConfig cfg) {
        scheduled.forEach(f -> f.cancel(false));
        scheduled.clear();
        closeGcNotifications();
        if (cfg.gcHeap().enabled()) {
            gcNotifications = new GcNotifications(this::onGc);
            if (cfg.gcHeap().mode() == GcMonitorMode.POLL) {
                scheduled.add(scheduler.scheduleAtFixedRate(Engine::forceGc, 1, 1, TimeUnit.SECONDS));
            }
        }
        chunks = null;
        if (cfg.profiling().enabled()) {
            long every = cfg.profiling().uploadInterval().toMillis();
            ChunkCutter cutter = new ChunkCutter(cfg.profiling().uploadInterval().dividedBy(2));
            chunks = cutter;
            scheduled.add(scheduler.scheduleAtFixedRate(() -> cutter.cut(false), every, every, TimeUnit.MILLISECONDS));
        }
    }

    /** Cuts continuous-profiling chunks back to back, each from where the previous one ended. */
    private final class ChunkCutter {
        private final Duration shortest;
        private Instant from = clock.instant();

        /** @param shortest the shortest chunk a scheduled turn cuts */
        ChunkCutter(Duration shortest) {
            this.shortest = shortest;
        }

        /** @param last whether this is the last chunk (at stop), cut however short */
        synchronized void cut(boolean last) {
            Instant until = clock.instant();
            Duration length = Duration.between(from, until);
            // a fixed-rate schedule runs the turns it missed (machine suspended, JVM stalled) back to back: each would
            // cut and upload a chunk of microseconds; the next full turn's chunk covers the time
            if (last ? length.isZero() || length.isNegative() : length.compareTo(shortest) < 0) {
                return;
            }
            capturer.submitChunk(generation, ids.next(until.toEpochMilli()), from, until);
            from = until;
        }
    }

    @SuppressWarnings("java:S1215") // poll mode exists to force collections, for tests
    private static void forceGc() {
        System.gc();
    }

    private void safeCycle() {
        try {
            cycle();
        } catch (RuntimeException | Error e) {
            counters.get("collectErrors").incrementAndGet();
            LOG.warn("zprof: sampling cycle failed: {}", e.toString(), e);
        }
    }

    private void onCollectError(CollectorBinding b, Throwable e) {
        counters.get("collectErrors").incrementAndGet();
        // first failure in full, then one line per 100 so a broken collector cannot flood the log
        if (collectErrorsLogged++ % 100 == 0) {
            LOG.warn("zprof: collector '{}' failed (its metrics are missing this cycle): {}", b.providerName, e.toString(), e);
        }
    }

    /** Counts the infinite samples the table rejected this cycle; logs the first, then one line per 100 cycles. */
    private void onRejectedSamples() {
        counters.get("samplesRejected").addAndGet(table.rejected());
        if (samplesRejectedLogged++ % 100 == 0) {
            LOG.warn("zprof: rejected {} sample(s) that are not finite numbers, first {}; a rejected sample is "
                    + "missing this cycle (rules say no data; averages and the timeline leave it out)",
                    table.rejected(), table.firstRejected());
        }
    }

    private void closeGcNotifications() {
        if (gcNotifications != null) {
            gcNotifications.close();
            gcNotifications = null;
        }
    }

    private ProviderContext context(ZprofConfig config, ConfigProperties props) {
        return new EngineProviderContext(config, props, spoolOwner);
    }

    private static int historyCapacity(ZprofConfig cfg) {
        long perFiveMinutes = Duration.ofMinutes(5).toMillis() / Math.max(1, cfg.collectInterval().toMillis());
        return (int) Math.max(60, Math.min(1000, perFiveMinutes));
    }

    private boolean tryLock(long millis) {
        try {
            return sampleLock.tryLock(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static long remainingMillis(long deadlineNanos) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }

    private static void awaitQuietly(ScheduledThreadPoolExecutor ex, long millis) {
        try {
            ex.awaitTermination(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Derived metrics: CPU %, memory %, throttling rates, from raw samples and the previous cycle. Elapsed time is
     * the difference of the times the engine passes in, read from its clock (millisecond resolution is ample: CPU
     * time itself advances in 10 ms ticks, and a rate needs {@link #MIN_CPU_SPAN_NANOS}).
     */
    static final class Derivations {
        /** Shortest span over which CPU % is computed. */
        static final long MIN_CPU_SPAN_NANOS = 50_000_000L;
        private double prevCpu = Double.NaN;
        private long prevWall;
        private double prevPeriods = Double.NaN;
        private double prevThrottledPeriods = Double.NaN;
        private double prevThrottledNanos = Double.NaN;
        private long prevThrottleWall;

        /**
         * @param t    this cycle's samples; the derived metrics are added to it
         * @param res  the configured limits, which win over collected ones
         * @param wall the cycle's time from the engine's clock, in nanoseconds
         */
        void derive(MetricTable t, io.zprof.api.config.ResourceConfig res, long wall) {
            if (res.cpuCores() > 0) {
                t.put(Metric.CPU_LIMIT_CORES, res.cpuCores(), MetricSource.CONFIGURED);
            }
            if (res.memoryLimitBytes() > 0) {
                t.put(Metric.MEMORY_LIMIT_BYTES, res.memoryLimitBytes(), MetricSource.CONFIGURED);
            }
            double cpu = t.get(Metric.PROCESS_CPU_NANOS);
            if (!Double.isNaN(cpu)) {
                double cores = t.get(Metric.CPU_LIMIT_CORES);
                if (!(cores > 0)) {
                    cores = Runtime.getRuntime().availableProcessors();
                }
                boolean havePrev = !Double.isNaN(prevCpu);
                // CPU time advances in scheduler ticks: over a few milliseconds (back-to-back sampleNow() calls)
                // the ratio is noise that can read far above 100 %, so short spans accumulate into the next one;
                // a clock set back starts a new base rather than waiting for the old time to come round again
                if (!havePrev || wall - prevWall >= MIN_CPU_SPAN_NANOS || wall < prevWall) {
                    if (havePrev && cpu >= prevCpu && wall > prevWall) {
                        t.put(Metric.CPU_PERCENT, (cpu - prevCpu) / (wall - prevWall) / cores * 100.0, MetricSource.DERIVED);
                    }
                    prevCpu = cpu;
                    prevWall = wall;
                }
            }
            double rss = t.get(Metric.RSS_BYTES);
            double limit = t.get(Metric.MEMORY_LIMIT_BYTES);
            if (!Double.isNaN(rss) && limit > 0) {
                MetricSource s = t.source(Metric.RSS_BYTES) == MetricSource.JVM_APPROXIMATION
                        ? MetricSource.JVM_APPROXIMATION : MetricSource.DERIVED;
                t.put(Metric.MEMORY_PERCENT, rss / limit * 100.0, s);
            }
            double periods = t.get(Metric.CPU_PERIODS);
            double throttled = t.get(Metric.CPU_THROTTLED_PERIODS);
            double throttledNanos = t.get(Metric.CPU_THROTTLED_NANOS);
            if (!Double.isNaN(periods) && !Double.isNaN(throttled) && !Double.isNaN(prevPeriods)) {
                double dp = periods - prevPeriods;
                t.put(Metric.CPU_THROTTLED_PERIODS_PERCENT, dp > 0 ? (throttled - prevThrottledPeriods) / dp * 100.0 : 0,
                        MetricSource.DERIVED);
            }
            if (!Double.isNaN(throttledNanos) && !Double.isNaN(prevThrottledNanos) && wall > prevThrottleWall) {
                t.put(Metric.CPU_THROTTLED_TIME_PERCENT, (throttledNanos - prevThrottledNanos) / (wall - prevThrottleWall) * 100.0,
                        MetricSource.DERIVED);
            }
            prevPeriods = periods;
            prevThrottledPeriods = throttled;
            prevThrottledNanos = throttledNanos;
            prevThrottleWall = wall;
        }
    }
}
