package io.zprof.core.internal.report;

import io.zprof.core.status.ReporterStatus;
import io.zprof.api.config.ReportConfig;
import io.zprof.api.model.ReportEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers report events to every configured reporter, each independently of the others and of the caller.
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
 * <p>Thread-safe. Durations are measured with {@link System#nanoTime()}, so wall-clock jumps do not disturb backoff;
 * the clock given is used for the time stamps in {@link #status()} and in spooled files.
 */
public final class ReportDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReportDispatcher.class);
    /** Extra time {@link #close()} allows beyond the flush timeout: for the workers to save state and reporters to close. */
    private static final long CLOSE_MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(1000);
    private static final long WORKER_MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final ReportConfig config;
    private final ThreadFactory threads;
    private final List<ReporterChannel> channels;
    private final Object lifecycle = new Object();
    private boolean started;
    private boolean closed;

    /**
     * Creates the queues. Each reporter's worker opens its spool as it starts and loads the events a previous run
     * left there, after the previous configuration's reporter of this JVM has handed the spool over. A spool that
     * cannot be used (read-only disk, held by another process) is logged and that reporter runs without one; it
     * never prevents start-up.
     *
     * @param reporters      reporters in configured order, with distinct names
     * @param config         queue size, timeouts, retry policy, spool settings
     * @param spoolDirectory the resolved spool directory ({@code zprof.report.spool.path} or
     *                       {@code <dump dir>/.spool}); one sub-directory per reporter is created in it
     * @param threads        the engine's factory of daemon threads; the threads it makes are renamed
     *                       {@code zprof-report-<name>} (worker) and {@code zprof-report-<name>-call}
     * @param clock          for time stamps
     */
    public ReportDispatcher(List<NamedReporter> reporters, ReportConfig config, Path spoolDirectory,
                            ThreadFactory threads, Clock clock) {
        this(reporters, config, spoolDirectory, threads, clock, new Object());
    }

    /**
     * As {@link #ReportDispatcher(List, ReportConfig, Path, ThreadFactory, Clock)}, for one configuration of an engine.
     *
     * @param reporters      reporters in configured order, with distinct names
     * @param config         queue size, timeouts, retry policy, spool settings
     * @param spoolDirectory the resolved spool directory
     * @param threads        the engine's factory of daemon threads
     * @param clock          for time stamps
     * @param spoolOwner     the engine: a spool its earlier configuration's dispatcher still holds is waited for
     *                       (delivering from memory meanwhile); one held by anyone else in the JVM is not used
     */
    public ReportDispatcher(List<NamedReporter> reporters, ReportConfig config, Path spoolDirectory,
                            ThreadFactory threads, Clock clock, Object spoolOwner) {
        Objects.requireNonNull(reporters, "reporters");
        this.config = Objects.requireNonNull(config, "config");
        this.threads = Objects.requireNonNull(threads, "threads");
        Objects.requireNonNull(clock, "clock");
        if (config.spool().enabled()) {
            Objects.requireNonNull(spoolDirectory, "spoolDirectory");
        }
        Set<String> names = new HashSet<>();
        for (NamedReporter r : reporters) {
            if (!names.add(r.name())) {
                throw new IllegalArgumentException("reporter '" + r.name() + "' is listed twice");
            }
        }
        SpoolBudget budget = new SpoolBudget(config.spool().maxBytes());
        Path spoolRoot = config.spool().enabled() ? spoolDirectory.toAbsolutePath() : null;
        List<ReporterChannel> list = new ArrayList<>(reporters.size());
        for (NamedReporter r : reporters) {
            list.add(new ReporterChannel(r, config, spoolRoot, budget, threads, clock, spoolOwner));
        }
        this.channels = List.copyOf(list);
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
        List<ReporterStatus> out = new ArrayList<>(channels.size());
        for (ReporterChannel c : channels) {
            out.add(c.status());
        }
        return out;
    }

    /**
     * Stops accepting events, gives the workers up to {@code flushTimeout} to deliver what is waiting, leaves the
     * rest in the spool, stops the workers and closes the reporters. Returns within the flush timeout plus about a
     * second even when a reporter hangs (its call thread is interrupted and left to end on its own). Idempotent.
     */
    @Override
    public void close() {
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
        }
        long deadline = System.nanoTime() + config.flushTimeout().toNanos();
        for (ReporterChannel c : channels) {
            c.beginStop(deadline);
        }
        boolean interrupted = false;
        for (ReporterChannel c : channels) {
            try {
                if (!c.awaitStopped(deadline + WORKER_MARGIN_NANOS)) {
                    LOG.error("Report worker of '{}' did not stop in time", c.name());
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        closeReporters(deadline + CLOSE_MARGIN_NANOS);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes every reporter on a helper thread, so that one whose close() hangs cannot hold up the caller. */
    private void closeReporters(long deadline) {
        Thread closer = threads.newThread(() -> {
            for (ReporterChannel c : channels) {
                try {
                    c.reporter().close();
                } catch (RuntimeException | Error e) {
                    LOG.warn("Reporter '{}' failed to close: {}", c.name(), e.toString());
                }
            }
        });
        closer.setName("zprof-report-close");
        closer.setDaemon(true);
        closer.start();
        try {
            long wait = Math.max(deadline - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(100));
            TimeUnit.NANOSECONDS.timedJoin(closer, wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            LOG.warn("A reporter did not finish closing in time; continuing without waiting for it");
        }
    }
}
