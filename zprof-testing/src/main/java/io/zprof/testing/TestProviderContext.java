package io.zprof.testing;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ZprofConfig;
import io.zprof.api.spi.ProviderContext;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link ProviderContext} the engine would hand a provider, built from flat settings and a configuration, for
 * unit tests of a provider and what it creates. It makes threads with the engine's own factory (daemons named
 * {@code zprof-<purpose>-N}), unless {@link #forbiddingThreads()} made it refuse them. It remembers every setting read through
 * it ({@link #settingsRead()}), so a test can check that a provider declares what it reads.
 */
public final class TestProviderContext implements ProviderContext {
    /** The thread group of the threads this context makes, as the engine's: not a daemon group. */
    private static final ThreadGroup THREADS = threadGroup();

    private final ZprofConfig config;
    private final ConfigProperties properties;
    private final Set<String> read = new TreeSet<>();
    private final Map<String, String> settings;
    private final boolean threadsForbidden;

    private TestProviderContext(ZprofConfig config, Map<String, String> settings, boolean threadsForbidden) {
        this.config = config;
        this.settings = Map.copyOf(settings);
        this.threadsForbidden = threadsForbidden;
        this.properties = new RecordingProperties(ConfigProperties.of(settings), this::recordRead);
    }

    /**
     * @param settings flat settings with full keys ({@code zprof.reporter.eventlog.path})
     * @return a context over the default configuration and these settings
     */
    public static TestProviderContext of(Map<String, String> settings) {
        return of(ZprofConfig.defaults(), settings);
    }

    /**
     * @param config   the typed configuration the provider sees ({@code config().dump().directory()}, ...)
     * @param settings flat settings with full keys
     * @return a context over both
     */
    public static TestProviderContext of(ZprofConfig config, Map<String, String> settings) {
        return new TestProviderContext(config, settings, false);
    }

    /**
     * For components that must not start threads of their own (collectors run on the sampler; dumpers on the
     * capture's thread): the copy's {@link #threadFactory} fails the test, naming the purpose asked for.
     *
     * @return a copy of this context whose thread factory throws an {@link AssertionError}
     */
    public TestProviderContext forbiddingThreads() {
        return new TestProviderContext(config, settings, true);
    }

    @Override
    public ZprofConfig config() {
        return config;
    }

    @Override
    public ConfigProperties properties() {
        return properties;
    }

    private static ThreadGroup threadGroup() {
        ThreadGroup group = new ThreadGroup(ProviderContext.THREAD_GROUP);
        group.setDaemon(false);
        return group;
    }

    @Override
    public ThreadFactory threadFactory(String purpose) {
        if (threadsForbidden) {
            throw new AssertionError("the component asked for a thread (" + purpose + "); it must not need one");
        }
        // what the engine's factory gives a component: daemons named zprof-<purpose>-N in zprof's thread group
        AtomicInteger counter = new AtomicInteger();
        return r -> {
            Thread t = new Thread(THREADS, r, ProviderContext.THREAD_NAME_PREFIX + purpose + "-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * @return the full keys read so far ({@code zprof.reporter.http.url}); a key ending in a dot stands for a listing
     *         of every key under it
     */
    public synchronized Set<String> settingsRead() {
        return Set.copyOf(read);
    }

    private synchronized void recordRead(String fullKey) {
        read.add(fullKey);
    }

    @Override
    public String toString() {
        return "TestProviderContext" + properties;
    }
}
