package io.zprof.core.internal.report;

import io.zprof.core.status.ReporterStatus;
import io.zprof.api.config.ReportConfig;
import io.zprof.api.model.ReportEvent;
import io.zprof.api.model.ReportOutcome;
import io.zprof.api.port.Reporter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything one reporter needs to deliver independently of the others: a bounded in-memory queue, a spool, a
 * worker thread and a call thread.
 *
 * <p>The worker never calls the reporter itself. It runs a small event loop: it writes each new event to the spool
 * as soon as it arrives (so the event survives a crash and dump retention before its first attempt), starts one
 * {@code report()} call at a time on the call thread, gives up on a call after {@code callTimeout}, and schedules
 * retries. Because it never blocks on the reporter, new events keep reaching the disk while a call hangs, and
 * shutdown is bounded.
 *
 * <p>Delivery is serial and in arrival order, except that an event whose retry round failed goes to the back of the
 * line, so one event the server keeps refusing (for instance a profile over its rate-limit burst, answered 429
 * forever) cannot block the events behind it. While a round is failing the whole reporter waits (one backoff per
 * reporter), so a dead endpoint is not probed once per waiting event.
 *
 * <p>One lock guards all state; nothing slow (I/O, reporter calls) ever happens while it is held, so
 * {@link #offer(ReportEvent)} waits for a few bookkeeping instructions at most.
 */
final class ReporterChannel {
    private static final Logger LOG = LoggerFactory.getLogger(ReportDispatcher.class);
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
    /**
     * When a channel first tries again to open a spool it could not open: the previous configuration's channel may
     * have released it, or a deleted or broken spool directory may be recreatable.
     */
    private static final long SPOOL_FIRST_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** It tries more and more rarely, down to this: the previous configuration keeps it while a long capture runs. */
    private static final long SPOOL_MAX_RETRY_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final String name;
    private final Reporter reporter;
    private final int queueSize;
    private final Duration callTimeout;
    private final Duration maxAge;
    private final Backoff backoff;
    private final Clock clock;
    private final Path spoolRoot;
    private final SpoolBudget budget;
    /** The engine this channel delivers for: only its earlier configuration's channel is waited for. */
    private final Object spoolOwner;
    /**
     * Opened by the worker as it starts, not by the constructor: after a reconfiguration the previous generation's
     * channel holds the spool until it has closed, which happens after this one was built. Worker thread only.
     */
    private Spool spool;
    /**
     * The spool last opened, for the entries already in it: reading, updating and deleting them only needs their
     * paths, so it goes on while {@link #spool} is broken. Worker thread only.
     */
    private Spool entries;
    /** The engine's previous configuration still holds the spool: try again at {@link #nextSpoolTry}. Worker only. */
    private boolean spoolPending;
    /**
     * The spool could not be opened (deleted and not recreatable, not writable, held by another process): events wait
     * in memory and it is opened again at {@link #nextSpoolTry}. Worker only.
     */
    private boolean spoolBroken;
    private long nextSpoolTry;
    private long spoolRetry;
    private final long spoolMaxBytes;
    private final CallRunner calls;
    private final Thread worker;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();

    // Everything below is guarded by lock.
    /** New events, not yet written to the spool (or not yet in the line when the spool is off). */
    private final ArrayDeque<ReportEvent> inbox = new ArrayDeque<>();
    /** Events waiting for a call, in delivery order. */
    private final ArrayDeque<Pending> line = new ArrayDeque<>();
    /** Entries of {@link #line} held in memory only. */
    private int memoryInLine;
    /** The event the worker is writing to the spool right now, or {@code null}. */
    private ReportEvent persisting;
    private Pending inFlight;
    private CallRunner.Call call;
    private long callDeadline;
    /** No call starts before this {@link System#nanoTime()} (backoff). */
    private long notBefore = System.nanoTime();
    private boolean accepting = true;
    private boolean stopping;
    private long flushDeadline;
    private long nextSeq;
    private boolean failing;
    private long lastDropWarn = System.nanoTime() - WARN_EVERY_NANOS;
    private long dropsWarned;
    private long lastRefusalWarn = System.nanoTime() - WARN_EVERY_NANOS;

    private int spooledCount;
    private long spooledBytes;
    private long enqueued;
    private long recovered;
    private long delivered;
    private long skipped;
    private long attempts;
    private long retries;
    private long timeouts;
    private long failedPermanent;
    private long droppedQueueFull;
    private long refusedSpoolFull;
    private long droppedOnClose;
    private String lastError;
    private Instant lastErrorTime;
    private Instant lastSuccess;
    private ReporterStatus.SpoolState spoolState;
    private String spoolError;
    private long refusedSpoolArtifacts;

    /**
     * @param named     the reporter
     * @param config    queue size, timeouts, retry policy
     * @param spoolRoot the spool directory, or {@code null} when spooling is off
     * @param budget    the spool byte cap shared with the other reporters
     * @param threads   the engine's factory of daemon threads
     * @param clock     for time stamps
     * @param spoolOwner the engine: a spool its earlier configuration still holds is waited for
     */
    ReporterChannel(NamedReporter named, ReportConfig config, Path spoolRoot, SpoolBudget budget, ThreadFactory threads,
                    Clock clock, Object spoolOwner) {
        this.name = named.name();
        this.reporter = named.reporter();
        this.queueSize = config.queueSize();
        this.callTimeout = config.callTimeout();
        this.maxAge = config.retry().maxAge();
        this.backoff = new Backoff(config.retry(), () -> ThreadLocalRandom.current().nextDouble());
        this.clock = clock;
        this.spoolRoot = spoolRoot;
        this.spoolState = spoolRoot == null ? ReporterStatus.SpoolState.OFF : ReporterStatus.SpoolState.WAITING;
        this.budget = budget;
        this.spoolOwner = spoolOwner;
        this.spoolMaxBytes = budget.maxBytes();
        this.calls = new CallRunner(reporter, named(threads, "zprof-report-" + name + "-call"), this::signal);
        this.worker = named(threads, "zprof-report-" + name).newThread(this::work);
    }

    /**
     * Opens the spool and queues what it holds. While the same engine's previous configuration still holds it (it
     * closes once the captures still using it have ended and it has flushed), the channel delivers from memory and
     * tries again later ({@link #spoolPending}), more and more rarely; when it gets the spool, what it holds in
     * memory is written to it. A spool that cannot be opened ({@link #spoolBroken}) is tried again the same way,
     * recreated 0700 when it was deleted, so that a fault of the disk or an administrator's clean-up does not leave
     * the events in memory only until the next start.
     *
     * @return the spool, or {@code null} when spooling is off, the spool cannot be used, or it is not handed over yet
     */
    private Spool openSpool() {
        if (spoolRoot == null) {
            return null;
        }
        Spool s = null;
        try {
            s = new Spool(spoolRoot, name, budget, clock, spoolOwner);
            Spool.Loaded loaded = s.load(entriesInLine());
            queueRecovered(loaded);
            if (spoolPending) {
                spoolMemoryEntries();
                LOG.info("Reporter '{}': the spool {} was handed over; events held in memory meanwhile go to it",
                        name, s.directory());
            } else if (spoolBroken) {
                spoolMemoryEntries();
                LOG.info("Reporter '{}': the spool {} works again; events held in memory meanwhile go to it",
                        name, s.directory());
            }
            if (!loaded.entries().isEmpty()) {
                LOG.info("Reporter '{}': {} undelivered event(s) found in the spool {}; delivering them",
                        name, loaded.entries().size(), s.directory());
            }
            spoolPending = false;
            spoolBroken = false;
            setSpoolState(ReporterStatus.SpoolState.OK, null);
            entries = s;
            return s;
        } catch (Spool.HeldByEarlierConfigurationException e) {
            if (!spoolPending) {
                LOG.info("Reporter '{}': the spool under {} is still held by the previous configuration's reporter;"
                        + " delivering from memory until it is handed over", name, spoolRoot);
                spoolPending = true;
                spoolRetry = SPOOL_FIRST_RETRY_NANOS;
            } else {
                spoolRetry = Math.min(spoolRetry * 2, SPOOL_MAX_RETRY_NANOS);
            }
            nextSpoolTry = System.nanoTime() + spoolRetry;
            setSpoolState(ReporterStatus.SpoolState.WAITING, null);
            return null;
        } catch (IOException | RuntimeException e) {
            if (s != null) {
                s.close();
            }
            spoolPending = false;
            spoolUnusable(e);
            return null;
        } catch (Error e) {
            // an OutOfMemoryError loading a large spool: release it, or no later configuration could ever use it
            if (s != null) {
                s.close();
            }
            throw e;
        }
    }

    /** Moves the events held in memory only back into the inbox, ahead of newer ones, so they go to the spool. */
    private void spoolMemoryEntries() {
        lock.lock();
        try {
            List<ReportEvent> held = new ArrayList<>();
            for (Iterator<Pending> it = line.iterator(); it.hasNext(); ) {
                Pending q = it.next();
                if (q.memoryOnly()) {
                    held.add(q.event);
                    it.remove();
                }
            }
            memoryInLine = 0;
            if (inFlight != null && inFlight.memoryOnly()) {
                inFlight.spoolWhenBack = true;
            }
            for (int i = held.size() - 1; i >= 0; i--) {
                inbox.addFirst(held.get(i));
            }
        } finally {
            lock.unlock();
        }
    }

    private void queueRecovered(Spool.Loaded loaded) {
        lock.lock();
        try {
            for (SpoolEntry e : loaded.entries()) {
                line.addLast(Pending.onDisk(e));
                spooledCount++;
                spooledBytes += e.bytes();
                nextSeq = Math.max(nextSeq, e.seq() + 1);
            }
            // added, not set: with a late handover, the channel may have delivered and given up on events already
            recovered += loaded.entries().size() + loaded.corrupt();
            failedPermanent += loaded.corrupt();
        } finally {
            lock.unlock();
        }
    }

    /** The spool cannot be opened: the events wait in memory, and it is tried again more and more rarely. */
    private void spoolUnusable(Exception e) {
        boolean first = !spoolBroken;
        spoolBroken = true;
        spoolRetry = first ? SPOOL_FIRST_RETRY_NANOS : Math.min(spoolRetry * 2, SPOOL_MAX_RETRY_NANOS);
        nextSpoolTry = System.nanoTime() + spoolRetry;
        lock.lock();
        try {
            if (first) {
                noteError("spool unavailable, events are kept in memory only: " + e.getMessage());
            }
            spoolState = ReporterStatus.SpoolState.BROKEN;
            spoolError = e.toString();
        } finally {
            lock.unlock();
        }
        if (first) {
            LOG.warn("Reporter '{}': cannot use the spool under {} ({}); events are kept in memory, and will not survive"
                    + " a restart, until it can be opened again", name, spoolRoot, e.toString());
        }
    }

    private void setSpoolState(ReporterStatus.SpoolState state, String error) {
        lock.lock();
        try {
            spoolState = state;
            spoolError = error;
        } finally {
            lock.unlock();
        }
    }

    /** @return the spool entries this channel holds already, so that opening the spool again does not add them twice */
    private Set<Path> entriesInLine() {
        lock.lock();
        try {
            Set<Path> known = new HashSet<>();
            for (Pending q : line) {
                if (q.spooled != null) {
                    known.add(q.spooled.dir());
                }
            }
            if (inFlight != null && inFlight.spooled != null) {
                known.add(inFlight.spooled.dir());
            }
            return known;
        } finally {
            lock.unlock();
        }
    }

    private static ThreadFactory named(ThreadFactory threads, String threadName) {
        return r -> {
            Thread t = threads.newThread(r);
            t.setName(threadName);
            t.setDaemon(true);
            return t;
        };
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
                droppedOnClose++;
                return;
            }
            enqueued++;
            inbox.addLast(event);
            enforceQueueSize();
            wake.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops accepting events and tells the worker to deliver what it can until the deadline.
     *
     * @param deadline {@link System#nanoTime()} by which the worker stops
     */
    void beginStop(long deadline) {
        lock.lock();
        try {
            accepting = false;
            stopping = true;
            flushDeadline = deadline;
            wake.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * @param deadline {@link System#nanoTime()} to wait until at most
     * @return whether the worker has ended
     * @throws InterruptedException when interrupted
     */
    boolean awaitStopped(long deadline) throws InterruptedException {
        long wait = deadline - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.timedJoin(worker, wait);
        }
        return !worker.isAlive();
    }

    /** @return the reporter */
    Reporter reporter() {
        return reporter;
    }

    /** @return the reporter's name */
    String name() {
        return name;
    }

    /** @return a consistent snapshot of this reporter's queue and counters */
    ReporterStatus status() {
        lock.lock();
        try {
            int queued = inbox.size() + memoryInLine + (persisting != null ? 1 : 0)
                    + (inFlight != null && inFlight.memoryOnly() ? 1 : 0);
            return new ReporterStatus(name, queued, spooledCount, spooledBytes, enqueued, recovered, delivered, skipped,
                    attempts, retries, timeouts, failedPermanent, droppedQueueFull, refusedSpoolFull, droppedOnClose,
                    lastError, lastErrorTime, lastSuccess, spoolState, spoolError, refusedSpoolArtifacts);
        } finally {
            lock.unlock();
        }
    }

    private void signal() {
        lock.lock();
        try {
            wake.signal();
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- worker

    private void work() {
        try {
            spool = openSpool();
            while (step()) {
                warnAboutDrops(false);
                if ((spoolPending || spoolBroken) && System.nanoTime() - nextSpoolTry >= 0) {
                    spool = openSpool();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            LOG.error("Report worker of '{}' failed; undelivered spooled events wait for the next start", name, e);
        } finally {
            finish();
        }
    }

    /** One turn of the loop: decide under the lock, then do the slow part without it. @return false to stop */
    private boolean step() throws InterruptedException {
        ReportEvent toPersist = null;
        Pending toStart = null;
        Pending done = null;
        CallRunner.Call doneCall = null;
        lock.lock();
        try {
            long now = System.nanoTime();
            if (!inbox.isEmpty() && spool != null) {
                toPersist = inbox.pollFirst();
                persisting = toPersist;
            } else if (!inbox.isEmpty()) {
                while (!inbox.isEmpty()) {
                    line.addLast(Pending.inMemory(inbox.pollFirst()));
                    memoryInLine++;
                }
                return true;
            } else if (inFlight != null && (call.result.isDone() || now - callDeadline >= 0)) {
                done = inFlight;
                doneCall = call;
            } else if (stopping && flushOver(now)) {
                return false;
            } else if (inFlight == null && !line.isEmpty() && now - notBefore >= 0) {
                if (calls.canStart()) {
                    toStart = line.pollFirst();
                    if (toStart.memoryOnly()) {
                        memoryInLine--;
                    }
                    inFlight = toStart;
                } else {
                    // abandoned calls still hold both call threads; the first to return wakes us up
                    noteError("report() calls do not return; waiting for one of them before the next call");
                    await(now, true);
                    return true;
                }
            } else {
                await(now, false);
                return true;
            }
        } finally {
            lock.unlock();
        }
        if (toPersist != null) {
            persist(toPersist);
        } else if (done != null) {
            complete(done, doneCall);
        } else {
            startCall(toStart);
        }
        return true;
    }

    private boolean flushOver(long now) {
        if (now - flushDeadline >= 0) {
            return true;
        }
        return inFlight == null && (line.isEmpty() || notBefore - flushDeadline > 0);
    }

    /**
     * Under the lock: sleeps until something can happen (a new event, a call returning, a deadline).
     *
     * @param now     {@link System#nanoTime()}
     * @param blocked whether calls are due but no call thread is free
     */
    private void await(long now, boolean blocked) throws InterruptedException {
        long until = now;
        boolean bounded = false;
        if (inFlight != null) {
            until = callDeadline;
            bounded = true;
        } else if (!line.isEmpty() && !blocked) {
            until = notBefore;
            bounded = true;
        }
        if (stopping && (!bounded || until - flushDeadline > 0)) {
            until = flushDeadline;
            bounded = true;
        }
        if ((spoolPending || spoolBroken) && (!bounded || until - nextSpoolTry > 0)) {
            until = nextSpoolTry;
            bounded = true;
        }
        if (bounded) {
            wake.awaitNanos(until - now);
        } else {
            wake.await();
        }
    }

    private void persist(ReportEvent event) {
        long seq;
        lock.lock();
        try {
            seq = nextSeq++;
        } finally {
            lock.unlock();
        }
        SpoolEntry entry = null;
        String error = null;
        try {
            entry = spool.write(seq, event);
        } catch (IOException | RuntimeException e) {
            // the directory may have been deleted or made unwritable since it was opened: open it again (recreated
            // 0700 when missing) and try once more; when it cannot be opened, the spool counts as broken
            spool.close();
            spool = openSpool();
            if (spool != null) {
                try {
                    entry = spool.write(seq, event);
                } catch (IOException | RuntimeException again) {
                    error = "cannot write to the spool: " + again;
                }
            } else {
                error = "cannot write to the spool: " + e;
            }
        }
        boolean warnRefusal = false;
        lock.lock();
        try {
            persisting = null;
            if (entry != null) {
                line.addLast(Pending.onDisk(entry));
                spooledCount++;
                spooledBytes += entry.bytes();
                return;
            }
            if (error != null) {
                noteError(error);
            } else {
                refusedSpoolFull++;
                long now = System.nanoTime();
                warnRefusal = now - lastRefusalWarn >= WARN_EVERY_NANOS;
                if (warnRefusal) {
                    lastRefusalWarn = now;
                }
            }
            line.addLast(Pending.inMemory(event));
            memoryInLine++;
            enforceQueueSize();
        } finally {
            lock.unlock();
        }
        if (error != null) {
            LOG.warn("Reporter '{}': event {} kept in memory only, {}", name, event.eventId(), error);
        } else if (warnRefusal) {
            LOG.warn("Reporter '{}': the spool is full (zprof.report.spool.maxbytes={}); event {} and further "
                    + "new events are kept in memory only until space frees up", name, spoolMaxBytes, event.eventId());
        }
    }

    private void startCall(Pending p) {
        ReportEvent event = p.event;
        if (event == null) {
            try {
                event = readSpooled(p.spooled);
            } catch (IOException | RuntimeException e) {
                Failure f = new Failure(false, null, false, "unreadable spool entry " + p.spooled.dir() + ": " + e, null);
                giveUp(p, f);
                return;
            }
        }
        if (tooOld(event)) {
            giveUp(p, new Failure(false, null, false, "older than zprof.report.retry.maxage=" + maxAge + " (captured "
                    + event.time() + "), not sent", null));
            return;
        }
        lock.lock();
        try {
            long now = System.nanoTime();
            attempts++;
            if (p.attempts > 0) {
                retries++;
            }
            p.attempts++;
            if (p.roundAttempts == 0) {
                p.roundStartNanos = now;
            }
            p.roundAttempts++;
            callDeadline = now + callTimeout.toNanos();
            call = calls.start(event);
        } finally {
            lock.unlock();
        }
    }

    /** Reads a spooled event back, counting the artifacts refused because they lie outside their entry. */
    private ReportEvent readSpooled(SpoolEntry entry) throws IOException {
        return entries.read(entry, () -> {
            lock.lock();
            try {
                refusedSpoolArtifacts++;
            } finally {
                lock.unlock();
            }
        });
    }

    /** Stale evidence is noise for whoever reads it after an outage, and sending it delays the fresh events. */
    private boolean tooOld(ReportEvent event) {
        return !maxAge.isZero() && event.time() != null && event.time().plus(maxAge).isBefore(clock.instant());
    }

    private void complete(Pending p, CallRunner.Call c) {
        ReportOutcome outcome = null;
        Failure failure;
        if (!c.result.isDone()) {
            calls.abandon(c);
            failure = Failure.timeout(callTimeout);
        } else {
            try {
                outcome = c.result.get();
                failure = null;
            } catch (ExecutionException e) {
                failure = Failure.of(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = Failure.retryLater("interrupted");
            }
        }
        if (failure == null) {
            succeed(p, outcome);
        } else if (!failure.retryable()) {
            giveUp(p, failure);
        } else {
            retryLater(p, failure);
        }
    }

    private void succeed(Pending p, ReportOutcome outcome) {
        boolean wasDelivered = outcome == null || outcome.delivered();
        removeFromSpool(p);
        boolean recoveredNow;
        int waiting;
        lock.lock();
        try {
            leaveFlight(p, true);
            notBefore = System.nanoTime();
            if (wasDelivered) {
                delivered++;
                lastSuccess = clock.instant();
            } else {
                skipped++;
            }
            recoveredNow = failing;
            failing = false;
            waiting = line.size();
        } finally {
            lock.unlock();
        }
        if (recoveredNow) {
            LOG.info("Reporter '{}' delivers again; {} event(s) waiting", name, waiting);
        }
        if (wasDelivered) {
            LOG.debug("Reporter '{}' delivered event {} (attempt {})", name, p.id(), p.attempts);
        } else {
            LOG.debug("Reporter '{}' skipped event {}: {}", name, p.id(), outcome.detail());
        }
    }

    private void giveUp(Pending p, Failure f) {
        removeFromSpool(p);
        lock.lock();
        try {
            leaveFlight(p, true);
            notBefore = System.nanoTime();
            failedPermanent++;
            noteError(f.message());
        } finally {
            lock.unlock();
        }
        if (f.cause() != null) {
            LOG.warn("Reporter '{}' gave up on event {} after {} attempt(s): {}", name, p.id(), p.attempts,
                    f.message(), f.cause());
        } else {
            LOG.warn("Reporter '{}' gave up on event {} after {} attempt(s): {}", name, p.id(), p.attempts,
                    f.message());
        }
    }

    private void retryLater(Pending p, Failure f) {
        long now = System.nanoTime();
        Duration delay = backoff.beforeAttempt(p.roundAttempts, f.retryAfter());
        boolean sameRound = backoff.roundContinues(p.roundAttempts, Duration.ofNanos(now - p.roundStartNanos), delay);
        if (!sameRound) {
            delay = backoff.betweenRounds(f.retryAfter());
            p.roundAttempts = 0;
            if (p.spooled != null) {
                try {
                    entries.recordAttempts(p.spooled, p.attempts, f.message());
                } catch (IOException | RuntimeException e) {
                    LOG.debug("Reporter '{}': cannot record the attempts of event {}: {}", name, p.id(), e.toString());
                }
            }
        }
        boolean firstFailingRound;
        int waiting;
        lock.lock();
        try {
            leaveFlight(p, false);
            if (f.timedOut()) {
                timeouts++;
            }
            noteError(f.message());
            notBefore = now + delay.toNanos();
            if (p.spoolWhenBack) {
                // in flight from memory when the spool became usable again: it goes to the spool like the others
                inbox.addFirst(p.event);
            } else if (sameRound) {
                line.addFirst(p);
            } else {
                line.addLast(p);
            }
            if (p.memoryOnly() && !p.spoolWhenBack) {
                memoryInLine++;
                enforceQueueSize();
            }
            firstFailingRound = !sameRound && !failing;
            if (!sameRound) {
                failing = true;
            }
            waiting = line.size();
        } finally {
            lock.unlock();
        }
        if (firstFailingRound) {
            LOG.warn("Reporter '{}' cannot deliver event {} ({} attempt(s)): {}; {} event(s) waiting, next try in {} ms",
                    name, p.id(), p.attempts, f.message(), waiting, delay.toMillis());
        } else {
            LOG.debug("Reporter '{}': attempt {} of event {} failed: {}; next try in {} ms", name, p.attempts, p.id(),
                    f.message(), delay.toMillis());
        }
    }

    private void removeFromSpool(Pending p) {
        if (p.spooled != null) {
            entries.remove(p.spooled);
        }
    }

    /**
     * Under the lock: the in-flight entry is settled.
     *
     * @param p       the entry
     * @param removed whether it left the spool for good (delivered, skipped or given up)
     */
    private void leaveFlight(Pending p, boolean removed) {
        if (inFlight == p) {
            inFlight = null;
            call = null;
        }
        if (removed && p.spooled != null) {
            spooledCount--;
            spooledBytes -= p.spooled.bytes();
        }
    }

    /** Under the lock: keeps the events held only in memory within the queue size, dropping the oldest. */
    private void enforceQueueSize() {
        while (inbox.size() + memoryInLine > queueSize) {
            if (memoryInLine > 0) {
                for (Iterator<Pending> it = line.iterator(); it.hasNext(); ) {
                    if (it.next().memoryOnly()) {
                        it.remove();
                        memoryInLine--;
                        break;
                    }
                }
            } else {
                inbox.pollFirst();
            }
            droppedQueueFull++;
        }
    }

    /**
     * Warns about queue drops at most once a minute, each warning stating the drops since the previous one and the
     * total, so that the warnings add up to {@code droppedQueueFull}.
     *
     * @param now whether to warn now about drops not warned about yet, however recent the last warning (at stop)
     */
    private void warnAboutDrops(boolean now) {
        long newDrops;
        long total;
        lock.lock();
        try {
            long t = System.nanoTime();
            newDrops = droppedQueueFull - dropsWarned;
            if (newDrops == 0 || (!now && t - lastDropWarn < WARN_EVERY_NANOS)) {
                return;
            }
            total = droppedQueueFull;
            dropsWarned = total;
            lastDropWarn = t;
        } finally {
            lock.unlock();
        }
        LOG.warn("Reporter '{}' dropped {} event(s) since the last warning ({} in all): its queue"
                + " (zprof.report.queuesize={}) was full", name, newDrops, total, queueSize);
    }

    /** Under the lock. */
    private void noteError(String message) {
        lastError = message;
        lastErrorTime = clock.instant();
    }

    /** The worker's last act: settle the call in flight, keep on disk what can be kept, count what is lost. */
    private void finish() {
        Pending p;
        CallRunner.Call c;
        lock.lock();
        try {
            p = inFlight;
            c = call;
        } finally {
            lock.unlock();
        }
        if (p != null) {
            if (c != null && c.result.isDone()) {
                complete(p, c);
            } else {
                if (c != null) {
                    calls.abandon(c);
                }
                lock.lock();
                try {
                    inFlight = null;
                    call = null;
                    if (p.memoryOnly()) {
                        droppedOnClose++;
                    }
                } finally {
                    lock.unlock();
                }
            }
        }
        int lost = 0;
        int kept = 0;
        try {
            if (spoolPending || spoolBroken) {
                // a last chance: the previous configuration may have handed the spool over since the last try, or the
                // broken spool may be recreatable now
                spool = openSpool();
            }
            while (spool != null) {
                ReportEvent next;
                lock.lock();
                try {
                    next = inbox.pollFirst();
                    persisting = next;
                } finally {
                    lock.unlock();
                }
                if (next == null) {
                    break;
                }
                persist(next);
            }
            lock.lock();
            try {
                lost = inbox.size() + memoryInLine;
                droppedOnClose += lost;
                inbox.clear();
                line.removeIf(Pending::memoryOnly);
                memoryInLine = 0;
                kept = spooledCount;
            } finally {
                lock.unlock();
            }
        } finally {
            // whatever happened above, the spool is released for the next owner
            calls.shutdown();
            if (spool != null) {
                spool.close();
            }
        }
        warnAboutDrops(true);
        if (lost > 0) {
            LOG.warn("Reporter '{}' stopped with {} undelivered event(s) held in memory only: they are lost", name, lost);
        }
        if (kept > 0) {
            LOG.info("Reporter '{}' stopped; {} undelivered event(s) stay in the spool for the next start", name, kept);
        }
    }
}
