package io.zprof.core.internal.report;

import io.zprof.api.config.ReportConfig;
import io.zprof.api.model.ReportEvent;
import io.zprof.api.port.Reporter;
import io.zprof.core.status.ReporterStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything one reporter name needs to deliver independently of the others, for as long as that name is configured:
 * its queue ({@link ReportQueue}), spool ({@link SpoolSlot}), counters ({@link ChannelCounters}), a worker thread and
 * a call thread ({@link CallRunner}). A reconfiguration that keeps the name swaps the {@link Reporter} inside
 * ({@link #swap}) and keeps all of that.
 *
 * <p>The worker never calls the reporter itself. It runs a small event loop: it writes each new event to the spool
 * as soon as it arrives (so the event survives a crash and dump retention before its first attempt), starts one
 * {@code report()} call at a time on the call thread, gives up on a call after {@code callTimeout}, and schedules
 * retries ({@link RetryRounds}). Because it never blocks on the reporter, new events keep reaching the disk while a
 * call hangs, and shutdown is bounded. Every duration is read from the injected {@link TimeSource}.
 *
 * <p>Delivery is serial and in arrival order, except that an event whose retry round failed goes to the back of the
 * line, so one event the server keeps refusing cannot block the events behind it. While a round is failing the whole
 * reporter waits (one backoff per reporter), so a dead endpoint is not probed once per waiting event.
 *
 * <p>One lock guards the state below it; nothing slow (I/O, reporter calls) happens while it is held, so
 * {@link #offer(ReportEvent)} waits for a few bookkeeping instructions at most.
 */
final class ReporterChannel {
    static final Logger LOG = LoggerFactory.getLogger(ReportDispatcher.class);
    /** How long a new channel waits for the previous channel of its name to release the spool. */
    private static final long PREDECESSOR_WAIT_MILLIS = 30_000;

    final String name;
    final TimeSource time;
    final ChannelCounters counters;
    final SpoolSlot slot;
    final CallRunner calls;
    private final Thread worker;
    private final Consumer<Reporter> retire;
    /** A channel of the same name still stopping: the spool is opened once its worker has ended. Worker only. */
    private ReporterChannel predecessor;

    final ReentrantLock lock = new ReentrantLock();
    final Condition wake = lock.newCondition();

    // Everything below is guarded by lock.
    final ReportQueue queue;
    Reporter reporter;
    /** Reporters swapped out, closed once no call of theirs is in flight. */
    final List<Reporter> replaced = new ArrayList<>();
    RetryRounds rounds;
    Duration callTimeout;
    Duration maxAge;
    int queueSize;
    /** The event the worker is writing to the spool right now, or {@code null}. */
    ReportEvent persisting;
    Pending inFlight;
    CallRunner.Call call;
    long callDeadline;
    /** No call starts before this time source reading (backoff). */
    long notBefore;
    boolean accepting = true;
    boolean stopping;
    long flushDeadline;
    /** {@link #flushDeadline} on the real clock. */
    long flushRealDeadline;
    long nextSeq;
    boolean failing;
    long dropsWarned;
    final EveryMinute dropWarnings = new EveryMinute();
    final EveryMinute refusalWarnings = new EveryMinute();

    /**
     * @param named       the reporter
     * @param config      queue size, timeouts, retry policy
     * @param spoolRoot   the spool directory, or {@code null} when spooling is off
     * @param budget      the spool byte cap shared with the other reporters
     * @param threads     the engine's factory of daemon threads
     * @param time        the time source
     * @param predecessor a channel of the same name still stopping, or {@code null}
     * @param retire      closes a reporter swapped out (without blocking the worker)
     */
    ReporterChannel(NamedReporter named, ReportConfig config, Path spoolRoot, SpoolBudget budget, ThreadFactory threads,
                    TimeSource time, ReporterChannel predecessor, Consumer<Reporter> retire) {
        this.name = named.name();
        this.reporter = named.reporter();
        this.time = time;
        this.queue = new ReportQueue(config.queueSize());
        this.slot = new SpoolSlot(spoolRoot, name, budget, time.clock());
        this.counters = new ChannelCounters(spoolRoot == null ? ReporterStatus.SpoolState.OFF
                : ReporterStatus.SpoolState.WAITING);
        this.predecessor = predecessor;
        this.retire = retire;
        this.notBefore = time.nanos();
        settle(config);
        this.calls = new CallRunner(named(threads, "zprof-report-" + name + "-call"), this::signal);
        this.worker = named(threads, "zprof-report-" + name).newThread(new ChannelWorker(this)::run);
    }

    private static ThreadFactory named(ThreadFactory threads, String threadName) {
        return r -> {
            Thread t = threads.newThread(r);
            t.setName(threadName);
            t.setDaemon(true);
            return t;
        };
    }

    /** Under the lock (or in the constructor): takes the per-reporter settings of a configuration. */
    private void settle(ReportConfig config) {
        callTimeout = config.callTimeout();
        maxAge = config.retry().maxAge();
        queueSize = config.queueSize();
        rounds = new RetryRounds(new Backoff(config.retry(), () -> ThreadLocalRandom.current().nextDouble()));
    }

    /** Starts the worker. */
    void start() {
        worker.start();
    }

    /**
     * Queues an event without waiting: when the queue is full, the oldest event held only in memory is dropped.
     *
     * @param event the event
     */
    void offer(ReportEvent event) {
        lock.lock();
        try {
            if (!accepting) {
                counters.droppedOnClose(1);
                return;
            }
            counters.enqueued();
            counters.droppedQueueFull(queue.offer(event));
            wake.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The name stays configured with a new reporter instance (its settings changed): the next call goes to it; the
     * queue, spool and counters stay. The old instance is closed once no call of its is in flight.
     *
     * @param next the new instance; the same instance changes nothing
     */
    void swap(Reporter next) {
        lock.lock();
        try {
            if (next == reporter) {
                return;
            }
            replaced.add(reporter);
            reporter = next;
            wake.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes new queue size, call timeout and retry settings; events over a smaller queue size are dropped and counted.
     *
     * @param config the new report settings
     */
    void reconfigure(ReportConfig config) {
        lock.lock();
        try {
            settle(config);
            counters.droppedQueueFull(queue.resize(config.queueSize()));
            wake.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops accepting events and tells the worker to deliver what it can for {@code flushNanos}, measured both on
     * the time source (what can still be sent) and on the real clock (a hard bound, so that stopping never waits for
     * a test's clock or a hanging call).
     *
     * @param flushNanos the flush timeout
     */
    void beginStop(long flushNanos) {
        lock.lock();
        try {
            accepting = false;
            stopping = true;
            flushDeadline = time.nanos() + flushNanos;
            flushRealDeadline = System.nanoTime() + flushNanos;
            wake.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * @param realNanos how long to wait at most, in real nanoseconds
     * @return whether the worker has ended
     * @throws InterruptedException when interrupted
     */
    boolean awaitStopped(long realNanos) throws InterruptedException {
        if (realNanos > 0) {
            TimeUnit.NANOSECONDS.timedJoin(worker, realNanos);
        }
        return !worker.isAlive();
    }

    /** Worker only: waits for the previous channel of this name to release the spool. */
    void awaitPredecessor() throws InterruptedException {
        ReporterChannel p = predecessor;
        predecessor = null;
        if (p != null && !p.awaitStopped(TimeUnit.MILLISECONDS.toNanos(PREDECESSOR_WAIT_MILLIS))) {
            LOG.warn("Reporter '{}': the previous channel of this name has not stopped; opening the spool anyway", name);
        }
    }

    /** @return the reporter in use */
    Reporter reporter() {
        lock.lock();
        try {
            return reporter;
        } finally {
            lock.unlock();
        }
    }

    /** @param r a reporter this channel no longer uses: closed off the worker thread */
    void retire(Reporter r) {
        retire.accept(r);
    }

    /** @return the reporter's name */
    String name() {
        return name;
    }

    /** @return whether a call is in flight (for tests that move time only while none is) */
    boolean callInFlight() {
        lock.lock();
        try {
            return inFlight != null;
        } finally {
            lock.unlock();
        }
    }

    /** @return a consistent snapshot of this reporter's queue and counters */
    ReporterStatus status() {
        lock.lock();
        try {
            int queued = queue.heldInMemory() + (persisting != null ? 1 : 0)
                    + (inFlight != null && inFlight.memoryOnly() ? 1 : 0);
            return counters.snapshot(name, queued);
        } finally {
            lock.unlock();
        }
    }

    void signal() {
        lock.lock();
        try {
            wake.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: the spool entries this channel holds already, so opening the spool again skips them. */
    Set<Path> knownEntries() {
        Set<Path> known = queue.spooledDirectories();
        if (inFlight != null && inFlight.spooled != null) {
            known.add(inFlight.spooled.dir());
        }
        return known;
    }

    /** Under the lock: notes the last error. @param message one line */
    void noteError(String message) {
        counters.error(message, time.instant());
    }

    /** @return whether an event is older than {@code zprof.report.retry.maxage}: stale evidence is noise */
    boolean tooOld(ReportEvent event) {
        Duration age;
        lock.lock();
        try {
            age = maxAge;
        } finally {
            lock.unlock();
        }
        return !age.isZero() && event.time() != null && event.time().plus(age).isBefore(time.instant());
    }
}
