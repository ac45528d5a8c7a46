package io.zprof.core.internal.report;

import io.zprof.api.config.ReportConfig;
import io.zprof.api.model.ReportEvent;
import io.zprof.api.port.Reporter;
import io.zprof.core.status.ReporterStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers report events to every configured reporter, each independently of the others and of the caller, for the
 * whole life of an engine: one {@link ReporterChannel} per reporter name, holding its queue, spool and counters for
 * as long as that name is configured ({@link #apply}).
 *
 * <ul>
 *   <li>Each reporter has its own bounded in-memory queue ({@code zprof.report.queuesize}), its own daemon worker
 *       ({@code zprof-report-<name>}) and its own call thread ({@code zprof-report-<name>-call}): a slow, failing or
 *       hanging reporter never delays another one, the sampler, or the caller of {@link #enqueue}.</li>
 *   <li>{@link #enqueue} never blocks; when a queue is full, its oldest event held only in memory is dropped and
 *       counted (events already in the spool are not affected).</li>
 *   <li>With the spool on (the default), every event is written to {@code <spool dir>/<reporter>/} before its first
 *       attempt, with hard links to its artifacts, so dump retention cannot delete them and a restart does not lose
 *       them: a new dispatcher on the same directory delivers what the previous one left. Events are removed from the
 *       spool once delivered, skipped or failed for good. When the byte cap is reached, new events are refused by
 *       the spool (and counted), never older ones evicted.</li>
 *   <li>A call that throws is isolated and classified ({@link Failure#of}); one that takes longer than
 *       {@code zprof.report.calltimeout} is abandoned and counted as a retryable timeout. Retryable failures are
 *       retried with full-jitter exponential backoff within a round ({@code zprof.report.retry.*}), honouring
 *       {@code Retry-After}; after a failed round the event waits (on disk) for the next round.</li>
 *   <li>{@link #close()} stops accepting, lets the workers deliver until {@code zprof.report.flushtimeout}, leaves the
 *       rest in the spool and returns within the flush timeout plus about a second, even if a reporter hangs.</li>
 * </ul>
 * Delivery is at least once: an event whose call was abandoned or interrupted by shutdown may have reached the
 * server and is sent again; receivers can de-duplicate by event id.
 *
 * <p>Thread-safe. Time stamps and every duration (timeouts, backoff, flush) come from one {@link TimeSource}, made
 * from the engine's clock.
 */
public final class ReportDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReportDispatcher.class);
    /** Extra time {@link #close()} allows beyond the flush timeout: for the workers to save state and reporters to close. */
    private static final long CLOSE_MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(1000);
    private static final long WORKER_MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final ThreadFactory threads;
    private final TimeSource time;
    private final Object lifecycle = new Object();
    /** Replaced as a whole, so that {@link #enqueue} reads it without a lock. */
    private volatile List<ReporterChannel> channels = List.of();
    // guarded by lifecycle
    private ReportConfig config;
    private Path spoolRoot;
    private SpoolBudget budget;
    /** Channels removed and still stopping, by name: a channel of the same name opens the spool after them. */
    private final Map<String, ReporterChannel> stopping = new LinkedHashMap<>();
    private boolean started;
    private boolean closed;

    /**
     * A dispatcher with no reporters yet: {@link #apply} names them.
     *
     * @param threads the engine's factory of daemon threads; the threads it makes are renamed
     *                {@code zprof-report-<name>} (worker) and {@code zprof-report-<name>-call}
     * @param clock   the engine's clock: time stamps, and the durations of timeouts and backoff ({@link TimeSource})
     */
    public ReportDispatcher(ThreadFactory threads, Clock clock) {
        this.threads = Objects.requireNonNull(threads, "threads");
        this.time = TimeSource.of(clock);
    }

    /**
     * A dispatcher for one fixed set of reporters, as {@link #apply} with them.
     *
     * @param reporters      reporters in configured order, with distinct names
     * @param config         queue size, timeouts, retry policy, spool settings
     * @param spoolDirectory the resolved spool directory; one sub-directory per reporter is created in it
     * @param threads        the engine's factory of daemon threads
     * @param clock          the engine's clock
     */
    public ReportDispatcher(List<NamedReporter> reporters, ReportConfig config, Path spoolDirectory,
                            ThreadFactory threads, Clock clock) {
        this(threads, clock);
        apply(reporters, config, spoolDirectory);
    }

    /**
     * Brings delivery in line with a configuration, per reporter name:
     * <ul>
     *   <li>same name, same {@link Reporter} instance: nothing changes (new queue, timeout and retry settings apply);</li>
     *   <li>same name, another instance (its settings changed): the channel swaps the reporter and keeps its queue,
     *       spool and counters; the old instance is closed once no call of its is in flight;</li>
     *   <li>a new name: a new channel, which delivers what its spool holds from an earlier run;</li>
     *   <li>a name no longer listed: its channel stops accepting, flushes within {@code zprof.report.flushtimeout}
     *       on a thread of its own, keeps the rest in the spool and closes its reporter.</li>
     * </ul>
     * A change of the spool's directory, on/off switch or byte cap replaces every channel (a new one opens the spool
     * once the one it replaces has released it); no event is lost or sent twice across any of these. Validated before
     * anything changes: on an exception nothing was applied. New channels start at once when the dispatcher runs.
     *
     * @param reporters      the reporters now configured, in order, with distinct names (may be empty)
     * @param config         queue size, timeouts, retry policy, spool settings
     * @param spoolDirectory the resolved spool directory ({@code zprof.report.spool.path} or
     *                       {@code <dump dir>/.spool}); may be {@code null} when the spool is off
     * @throws IllegalArgumentException when a name is listed twice
     * @throws IllegalStateException    after {@link #close()}
     */
    public void apply(List<NamedReporter> reporters, ReportConfig config, Path spoolDirectory) {
        Objects.requireNonNull(reporters, "reporters");
        Objects.requireNonNull(config, "config");
        if (config.spool().enabled()) {
            Objects.requireNonNull(spoolDirectory, "spoolDirectory");
        }
        Set<String> names = new HashSet<>();
        for (NamedReporter r : reporters) {
            if (!names.add(r.name())) {
                throw new IllegalArgumentException("reporter '" + r.name() + "' is listed twice");
            }
        }
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("report delivery is closed");
            }
            Path root = config.spool().enabled() ? spoolDirectory.toAbsolutePath() : null;
            boolean newSpool = this.config == null || !Objects.equals(root, spoolRoot)
                    || config.spool().maxBytes() != this.config.spool().maxBytes();
            boolean newSettings = !config.equals(this.config);
            if (newSpool) {
                budget = new SpoolBudget(config.spool().maxBytes());
            }
            Map<String, ReporterChannel> current = new LinkedHashMap<>();
            channels.forEach(c -> current.put(c.name(), c));
            List<ReporterChannel> next = new ArrayList<>(reporters.size());
            List<ReporterChannel> fresh = new ArrayList<>();
            for (NamedReporter r : reporters) {
                ReporterChannel kept = newSpool ? null : current.remove(r.name());
                if (kept != null) {
                    kept.swap(r.reporter());
                    if (newSettings) {
                        kept.reconfigure(config);
                    }
                    next.add(kept);
                } else {
                    ReporterChannel before = current.containsKey(r.name()) ? current.get(r.name()) : stopping.get(r.name());
                    ReporterChannel c = new ReporterChannel(r, config, root, budget, threads, time, before, this::retire);
                    next.add(c);
                    fresh.add(c);
                }
            }
            Set<Reporter> inUse = Collections.newSetFromMap(new IdentityHashMap<>());
            reporters.forEach(r -> inUse.add(r.reporter()));
            for (ReporterChannel gone : current.values()) {
                stopInBackground(gone, config.flushTimeout().toNanos(), inUse);
            }
            this.channels = List.copyOf(next);
            this.config = config;
            this.spoolRoot = root;
            if (started) {
                fresh.forEach(ReporterChannel::start);
            }
        }
    }

    /** Starts one daemon worker per reporter. Idempotent; does nothing after {@link #close()}. */
    public void start() {
        synchronized (lifecycle) {
            if (started || closed) {
                return;
            }
            started = true;
            channels.forEach(ReporterChannel::start);
        }
    }

    /**
     * Hands an event to every reporter. Never blocks and never throws for a full queue; safe from any thread.
     * After {@link #close()} the event is dropped and counted.
     *
     * @param event the event
     */
    public void enqueue(ReportEvent event) {
        Objects.requireNonNull(event, "event");
        for (ReporterChannel c : channels) {
            c.offer(event);
        }
    }

    /** @return one snapshot per reporter, in configured order */
    public List<ReporterStatus> status() {
        List<ReporterStatus> out = new ArrayList<>();
        for (ReporterChannel c : channels) {
            out.add(c.status());
        }
        return out;
    }

    /** @return whether any reporter has a call in flight: a test moves its clock only while none has */
    boolean callInFlight() {
        return channels.stream().anyMatch(ReporterChannel::callInFlight);
    }

    /**
     * Stops accepting events, gives the workers up to {@code flushTimeout} to deliver what is waiting, leaves the
     * rest in the spool, stops the workers and closes the reporters. Returns within the flush timeout plus about a
     * second even when a reporter hangs (its call thread is interrupted and left to end on its own). Idempotent.
     */
    @Override
    public void close() {
        List<ReporterChannel> all;
        long flushNanos;
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            if (!started) {
                // the workers do the flushing and the saving, so they run even if start() was never called
                started = true;
                channels.forEach(ReporterChannel::start);
            }
            all = channels;
            flushNanos = config == null ? 0 : config.flushTimeout().toNanos();
        }
        long realDeadline = System.nanoTime() + flushNanos;
        for (ReporterChannel c : all) {
            c.beginStop(flushNanos);
        }
        boolean interrupted = false;
        for (ReporterChannel c : all) {
            try {
                if (!c.awaitStopped(realDeadline + WORKER_MARGIN_NANOS - System.nanoTime())) {
                    LOG.error("Report worker of '{}' did not stop in time", c.name());
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        List<Reporter> reporters = new ArrayList<>();
        all.forEach(c -> reporters.add(c.reporter()));
        closeReporters(reporters, realDeadline + CLOSE_MARGIN_NANOS);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops a channel whose name is no longer configured, on a thread of its own, then closes its reporter. */
    private void stopInBackground(ReporterChannel gone, long flushNanos, Set<Reporter> inUse) {
        stopping.put(gone.name(), gone);
        gone.beginStop(flushNanos);
        Reporter reporter = gone.reporter();
        Thread t = threads.newThread(() -> {
            long realDeadline = System.nanoTime() + flushNanos;
            try {
                if (!gone.awaitStopped(flushNanos + WORKER_MARGIN_NANOS)) {
                    LOG.error("Report worker of '{}' did not stop in time", gone.name());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!inUse.contains(reporter)) {
                closeReporters(List.of(reporter), realDeadline + CLOSE_MARGIN_NANOS);
            }
            synchronized (lifecycle) {
                stopping.remove(gone.name(), gone);
            }
        });
        t.setName("zprof-report-" + gone.name() + "-stop");
        t.setDaemon(true);
        t.start();
    }

    /** Closes a reporter swapped out of its channel, off the worker thread. */
    private void retire(Reporter r) {
        Thread t = threads.newThread(() -> closeReporters(List.of(r), System.nanoTime() + CLOSE_MARGIN_NANOS));
        t.setName("zprof-report-retire");
        t.setDaemon(true);
        t.start();
    }

    /** Closes reporters on a helper thread, so that one whose close() hangs cannot hold up the caller. */
    private void closeReporters(List<Reporter> reporters, long realDeadline) {
        Thread closer = threads.newThread(() -> {
            for (Reporter r : reporters) {
                try {
                    r.close();
                } catch (RuntimeException | Error e) {
                    LOG.warn("Reporter {} failed to close: {}", r, e.toString());
                }
            }
        });
        closer.setName("zprof-report-close");
        closer.setDaemon(true);
        closer.start();
        try {
            long wait = Math.max(realDeadline - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(100));
            TimeUnit.NANOSECONDS.timedJoin(closer, wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            LOG.warn("A reporter did not finish closing in time; continuing without waiting for it");
        }
    }
}
