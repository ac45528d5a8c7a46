package io.zprof.core;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ConfigurationException;
import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.ReportEvent;
import io.zprof.api.spi.CollectorProvider;
import io.zprof.api.spi.ComponentProvider;
import io.zprof.api.spi.DumperProvider;
import io.zprof.api.spi.ReporterProvider;
import io.zprof.core.internal.config.ConfigBinder;
import io.zprof.core.internal.discovery.ProviderLoader;
import io.zprof.core.internal.discovery.RegisteredProviderLoader;
import io.zprof.core.internal.discovery.ServiceProviderLoader;
import io.zprof.core.internal.engine.DeliveryFactory;
import io.zprof.core.internal.engine.Engine;
import io.zprof.core.status.ConfigFileStatus;
import io.zprof.core.status.ZprofStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The zprof engine. Create it, {@link #start()} it, and it samples CPU, memory, threads and GC heap, fires the
 * enabled rules and captures evidence into the dump directory, shipping events to the configured reporters.
 *
 * <pre>{@code
 * Zprof zprof = Zprof.create(cfg -> cfg
 *         .collectInterval(Duration.ofSeconds(3))
 *         .cpu(r -> r.enabled(true).min(10).abs(50).diff(25)));
 * zprof.start();
 * }</pre>
 *
 * Settings can also come from {@code zprof.*} system properties, {@code ZPROF_*} environment variables and a
 * properties file ({@link ZprofProperties}); code-given settings win. Thread-safe; {@code start}/{@code stop} are
 * idempotent; every thread it creates is a daemon named {@code zprof-...}.
 */
public final class Zprof implements AutoCloseable {
    /** How long {@link #sampleNow()} waits for a cycle in progress: a cycle takes well under a millisecond. */
    private static final long SAMPLE_NOW_WAIT_MILLIS = 1000;

    private final Engine engine;
    private volatile ConfigProperties properties;
    /** The watched file's state, set by a {@link ConfigFileWatcher} of this engine. */
    private volatile Supplier<ConfigFileStatus> configFile = () -> null;

    private Zprof(ZprofConfig config, ConfigProperties properties, ProviderLoader loader, Clock clock,
                  boolean manualSampling) {
        this.properties = properties;
        this.engine = new Engine(config, properties, loader, new DeliveryFactory(clock), clock, manualSampling);
    }

    /**
     * @param configure edits the configuration, starting from the environment's settings (or defaults)
     * @return a new, not yet started engine
     * @throws ConfigurationException naming the first bad key and value
     */
    public static Zprof create(UnaryOperator<ZprofConfig.Builder> configure) {
        return builder().configure(configure).build();
    }

    /**
     * @param config a complete configuration (environment settings are not read)
     * @return a new, not yet started engine
     */
    public static Zprof create(ZprofConfig config) {
        return builder().properties(ConfigProperties.empty()).configure(b -> config.toBuilder()).build();
    }

    /** @return an engine configured only from system properties, environment variables and the properties file */
    public static Zprof fromEnvironment() {
        return builder().build();
    }

    /**
     * @return a builder for less common needs (a class loader for discovery, explicit properties, a clock, provider
     *         instances, cycles driven by the caller)
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts sampling. Idempotent.
     *
     * @throws ConfigurationException when an adapter rejects its configuration, or the dump directory
     *         ({@code zprof.dump.path}) cannot be created or written (nothing is left running)
     */
    public void start() {
        engine.start();
    }

    /** Stops sampling and every zprof thread; flushes reporters within {@code zprof.report.flushtimeout}. Idempotent. */
    public void stop() {
        engine.stop();
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** @return whether it is sampling */
    public boolean isRunning() {
        return engine.isRunning();
    }

    /** @return the configuration in force; change it with {@code update(config().toBuilder()...build())} */
    public ZprofConfig config() {
        return engine.config();
    }

    /**
     * Applies a whole new configuration atomically; an invalid one changes nothing.
     *
     * @param next the new configuration
     * @throws ConfigurationException naming the bad key and value
     * @throws IllegalStateException   when a sampling cycle hangs in a collector and blocks the swap (nothing changed)
     */
    public void update(ZprofConfig next) {
        engine.update(next, properties);
    }

    /**
     * @param edit edits the configuration in force
     * @throws ConfigurationException naming the bad key and value
     */
    public void update(UnaryOperator<ZprofConfig.Builder> edit) {
        update(edit.apply(config().toBuilder()).build());
    }

    /**
     * Re-binds everything from flat properties (including adapters' scoped keys) and applies it atomically.
     *
     * @param next the complete new flat settings
     * @throws ConfigurationException naming the bad key and value
     */
    public void update(ConfigProperties next) {
        ZprofConfig cfg = ConfigBinder.bind(next);
        synchronized (this) {
            engine.update(cfg, next);
            properties = next;
        }
    }

    /** @return the flat settings in force: those bound at create, or the last {@link #update(ConfigProperties)} */
    public ConfigProperties properties() {
        return properties;
    }

    /** @return providers, rule reasons, metrics with sources, counters, reporters, recent events, watched file */
    public ZprofStatus status() {
        return engine.status().withConfigFile(configFile.get());
    }

    /** @param source the state of the file a {@link ConfigFileWatcher} watches for this engine */
    void configFileStatus(Supplier<ConfigFileStatus> source) {
        configFile = source;
    }

    /**
     * Registers a pool that thread shrinking ({@code zprof.shrink.*}) may shrink after a thread leak; its sizes are
     * restored after {@code zprof.shrink.restoreafter} and when the engine stops.
     *
     * @param name a name for logs and status
     * @param pool the pool
     */
    public void registerThreadPool(String name, java.util.concurrent.ThreadPoolExecutor pool) {
        engine.registerThreadPool(name, pool);
    }

    /**
     * @param listener receives every event after its capture, on the capture's zprof thread; dry-run events and
     *                 captures refused (queue full, engine stopping) on the thread that ran the cycle, which is
     *                 zprof's sampler or the caller of {@link #sampleNow()}; captures still queued at stop, reported
     *                 as not captured, on the thread calling {@link #stop()}. Must be quick; what it throws is
     *                 counted ({@code listenerErrors}) and ignored
     */
    public void addListener(Consumer<ReportEvent> listener) {
        engine.addListener(listener);
    }

    /**
     * Runs one sampling cycle now, on the calling thread, in addition to the scheduled ones (with
     * {@link Builder#manualSampling()} there are none: this is the only way cycles run). Waits at most a second
     * for a cycle in progress: when a collector is stuck (a hung mount, say), the caller gets {@code false} back
     * instead of waiting with it.
     *
     * @return whether the cycle ran: {@code false} while stopped or when a cycle in progress did not end in time
     */
    public boolean sampleNow() {
        return engine.tryCycle(SAMPLE_NOW_WAIT_MILLIS);
    }

    /**
     * Captures evidence now, as a rule does when it fires: the same dumpers (cheapest first, the pre-trigger window
     * too when it is on), timeline, bundle in the dump directory, retention, reporters, listeners and
     * {@link #status()}. The event's rule is {@code manual} and its reason is {@code reason}. In dry-run mode the
     * event is a dry-run event and nothing is captured, as for a rule.
     *
     * <p>Never blocks: the capture runs on a zprof thread. One capture at a time: while any capture (a rule's or
     * another manual one) is queued or running, this one is refused rather than queued behind it.
     *
     * <pre>{@code
     * zprof.capture(Set.of(DumpKind.THREADS, DumpKind.CPU), "slow checkout reported by support")
     *      .thenAccept(e -> log.info("evidence in {}", e.artifacts()));
     * }</pre>
     *
     * @param kinds  what to capture ({@link DumpKind#THREADS}, {@link DumpKind#CPU}, {@link DumpKind#HEAP}...); may
     *               be empty (then the timeline and, when it is on, the window)
     * @param reason why, in the event and the bundle's timeline; one line
     * @return completes with the event once the bundle is written (after every dump) and the event is published;
     *         a capture that failed in part or in whole still completes with its event, whose {@code error()} says
     *         what went wrong. Completes exceptionally with an {@link IllegalStateException} when zprof is not
     *         running, or when a capture is already in progress (the message names its rule and event id)
     * @throws NullPointerException     when {@code kinds}, one of them, or {@code reason} is null
     * @throws IllegalArgumentException when {@code kinds} holds {@link DumpKind#PROFILE_CHUNK}, which only
     *                                  continuous profiling cuts
     */
    public CompletionStage<ReportEvent> capture(Set<DumpKind> kinds, String reason) {
        Objects.requireNonNull(reason, "reason");
        Set<DumpKind> asked = Set.copyOf(Objects.requireNonNull(kinds, "kinds"));
        if (asked.contains(DumpKind.PROFILE_CHUNK)) {
            throw new IllegalArgumentException("zprof: " + DumpKind.PROFILE_CHUNK.key()
                    + " cannot be captured on demand: continuous profiling (zprof.profiling.enabled) cuts the chunks");
        }
        return engine.capture(asked, reason).minimalCompletionStage();
    }

    /** Builder of a {@link Zprof}. */
    public static final class Builder {
        private ConfigProperties properties;
        private UnaryOperator<ZprofConfig.Builder> configure = UnaryOperator.identity();
        private ClassLoader classLoader = Zprof.class.getClassLoader();
        private Clock clock = Clock.systemUTC();
        private final List<ComponentProvider<?>> providers = new ArrayList<>();
        private boolean manualSampling;

        private Builder() {
        }

        /** @param v flat settings to bind (default: {@link ZprofProperties#fromEnvironment()}) @return this */
        public Builder properties(ConfigProperties v) { properties = v; return this; }
        /** @param v edits applied after the flat settings @return this */
        public Builder configure(UnaryOperator<ZprofConfig.Builder> v) { configure = v; return this; }
        /** @param v where providers are discovered @return this */
        public Builder classLoader(ClassLoader v) { classLoader = v; return this; }
        /**
         * @param v the clock for event times, cooldowns, the sampler's interval and report delivery (timeouts,
         *          backoff): with a clock the test moves, scheduled cycles run when it has moved by the interval
         * @return this
         */
        public Builder clock(Clock v) { clock = v; return this; }

        /**
         * Adds a provider instance to those found through {@code META-INF/services}. It takes part in selection like a
         * found one: a collector or dumper by priority and pins, a reporter when {@code zprof.reporters} names it; its
         * {@link ComponentProvider#settingKeys()} are checked and a same-named provider with the same priority is an
         * error. It is offered for every provider interface it implements. For tests, and for applications that
         * build their plugins themselves.
         *
         * @param v the provider
         * @return this
         */
        public Builder provider(ComponentProvider<?> v) {
            providers.add(Objects.requireNonNull(v, "provider"));
            return this;
        }

        /** @param v a collector provider, as {@link #provider(ComponentProvider)} @return this */
        public Builder collector(CollectorProvider v) { return provider(v); }
        /** @param v a dumper provider, as {@link #provider(ComponentProvider)} @return this */
        public Builder dumper(DumperProvider v) { return provider(v); }
        /** @param v a reporter provider, as {@link #provider(ComponentProvider)} @return this */
        public Builder reporter(ReporterProvider v) { return provider(v); }

        /**
         * No sampler thread: cycles run only when {@link Zprof#sampleNow()} is called, on the caller's thread. With a
         * clock of the test's ({@link #clock(Clock)}), a test drives cycles and time itself, with no sleeps. Other
         * zprof threads (captures, report delivery, GC polling, profiling chunks) run as usual.
         *
         * @return this
         */
        public Builder manualSampling() { manualSampling = true; return this; }

        /**
         * @return a new, not yet started engine
         * @throws ConfigurationException naming the first bad key and value
         */
        public Zprof build() {
            ConfigProperties props = properties != null ? properties : ZprofProperties.fromEnvironment();
            ZprofConfig cfg = configure.apply(ConfigBinder.bind(props).toBuilder()).build();
            ProviderLoader loader = new RegisteredProviderLoader(new ServiceProviderLoader(classLoader), providers);
            return new Zprof(cfg, props, loader, clock, manualSampling);
        }
    }
}
