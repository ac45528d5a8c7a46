package io.zprof.core;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ConfigurationException;
import io.zprof.core.internal.engine.ZprofThreadFactory;
import io.zprof.core.status.ConfigFileStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the properties file {@code zprof.config.file} and applies each valid change to a running {@link Zprof}
 * atomically ({@link Zprof#update(ConfigProperties)}), within two collect intervals. The file's settings are overlaid,
 * as at start, by the settings that win over it (environment, system properties, an agent's options and updates:
 * {@link ZprofProperties#overlay}). An invalid change is logged once with its key and value and changes nothing; a
 * deleted file keeps the configuration last applied from it, and says so once. {@link Zprof#status()} shows the
 * file, when it was last applied and its last error.
 *
 * <pre>{@code
 * ConfigFileWatcher watcher = ConfigFileWatcher.start(zprof, Path.of("/etc/zprof.properties"),
 *         ZprofProperties.overlay(System.getenv(), ZprofProperties.systemProperties()));
 * }</pre>
 *
 * Polls the content (a Kubernetes ConfigMap replaces the file through a symbolic link, which file events miss) on a
 * daemon thread {@code zprof-config-watch-1}; {@link #close()} stops it.
 */
public final class ConfigFileWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigFileWatcher.class);

    private final Zprof zprof;
    private final Path file;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final Object lock = new Object();
    // guarded by lock
    private Map<String, String> overlay;
    private Map<String, String> fileSettings;
    private byte[] lastSeen;
    private String lastProblem;
    private volatile ConfigFileStatus status;

    private ConfigFileWatcher(Zprof zprof, Path file, Map<String, String> overlay, Clock clock, boolean poll) {
        this.zprof = Objects.requireNonNull(zprof, "zprof");
        this.file = file.toAbsolutePath();
        this.clock = clock;
        this.overlay = Map.copyOf(overlay);
        // the thread comes from the engine's factory: a zprof-* daemon, left out of zprof's own JFR profiles
        this.timer = poll ? new ScheduledThreadPoolExecutor(1, new ZprofThreadFactory("config-watch")) : null;
    }

    /**
     * Applies the file's settings under the overlay now (when they differ from those in force), then watches it.
     *
     * @param zprof   the engine to update
     * @param file    the properties file
     * @param overlay the settings that win over the file's
     * @return the watcher; close it to stop watching
     * @throws ConfigurationException naming {@code zprof.config.file} when the file cannot be read, or the bad key
     *         and value when its settings are invalid (nothing is watched then)
     */
    public static ConfigFileWatcher start(Zprof zprof, Path file, Map<String, String> overlay) {
        ConfigFileWatcher w = create(zprof, file, overlay, Clock.systemUTC(), true);
        w.schedule();
        return w;
    }

    /** {@link #start} without the polling thread: the caller runs {@link #check()} (tests). */
    static ConfigFileWatcher create(Zprof zprof, Path file, Map<String, String> overlay, Clock clock, boolean poll) {
        ConfigFileWatcher w = new ConfigFileWatcher(zprof, file, overlay, clock, poll);
        synchronized (w.lock) {
            byte[] content = w.read();
            w.apply(ZprofProperties.readFile(w.file), w.overlay);
            w.lastSeen = content;
        }
        zprof.configFileStatus(() -> w.status);
        return w;
    }

    /**
     * Lays new winning settings over the file's last good ones and applies the result: an agent's update.
     *
     * @param next the settings that win over the file's from now on
     * @throws ConfigurationException naming the bad key and value (nothing changed)
     */
    public void overlay(Map<String, String> next) {
        synchronized (lock) {
            apply(fileSettings, next);
            overlay = Map.copyOf(next);
        }
    }

    /** @return the file, when it was last applied and its last error */
    public ConfigFileStatus status() {
        return status;
    }

    /** Reads the file and applies it when its content changed since it was last read. */
    void check() {
        synchronized (lock) {
            byte[] content;
            try {
                content = read();
            } catch (ConfigurationException e) {
                lastSeen = null; // applied again once it is back, even unchanged
                refuse(Files.exists(file) ? e.getMessage()
                        : "missing; keeping the configuration applied from it at " + status.lastApplied());
                return;
            }
            if (Arrays.equals(content, lastSeen)) {
                return;
            }
            lastSeen = content;
            try {
                apply(ZprofProperties.readFile(file), overlay);
                lastProblem = null;
                LOG.info("zprof: applied {} (configuration generation {})", file, zprof.status().generation());
            } catch (ConfigurationException e) {
                refuse(e.getMessage() + "; the running configuration is unchanged");
            } catch (IllegalStateException e) {
                lastSeen = null; // a cycle hung in a collector blocked the swap: try again at the next check
                refuse(e.getMessage());
            }
        }
    }

    private void refuse(String problem) {
        if (!problem.equals(lastProblem)) {
            LOG.warn("zprof: config file {}: {}", file, problem);
            lastProblem = problem;
            status = new ConfigFileStatus(file, status.lastApplied(), problem, clock.instant());
        }
    }

    private byte[] read() {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigurationException("zprof.config.file", file, "cannot be read: " + e);
        }
    }

    private void apply(Map<String, String> fromFile, Map<String, String> winning) {
        Map<String, String> merged = new TreeMap<>(fromFile);
        merged.putAll(winning);
        ConfigProperties next = ConfigProperties.of(merged);
        if (!sameSettings(next, zprof.properties())) {
            zprof.update(next);
        }
        fileSettings = Map.copyOf(fromFile);
        status = new ConfigFileStatus(file, clock.instant(), null, null);
    }

    private static boolean sameSettings(ConfigProperties a, ConfigProperties b) {
        if (!a.keys().equals(b.keys())) {
            return false;
        }
        return a.keys().stream().allMatch(k -> Objects.equals(a.get(k), b.get(k)));
    }

    private void schedule() {
        try {
            long millis = Math.max(1, zprof.config().collectInterval().toMillis());
            timer.schedule(this::checkAndReschedule, millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            // closed meanwhile
        }
    }

    private void checkAndReschedule() {
        try {
            check();
        } catch (RuntimeException e) {
            LOG.warn("zprof: config file {} check failed: {}", file, e.toString());
        } finally {
            schedule();
        }
    }

    /** Stops watching; the configuration in force stays. */
    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        zprof.configFileStatus(() -> null);
    }
}
