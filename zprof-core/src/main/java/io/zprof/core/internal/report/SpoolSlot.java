package io.zprof.core.internal.report;

import io.zprof.api.model.ReportEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Where one reporter's spool stands: off, open, or broken and due to be tried again. A spool that cannot be opened
 * (deleted and not recreatable, not writable, held by another process or zprof instance) is tried again more and more
 * rarely, from {@link #FIRST_RETRY_NANOS} up to {@link #MAX_RETRY_NANOS}: a fault of the disk or an administrator's
 * clean-up must not leave the events in memory only until the next start.
 *
 * <p>The spool last opened stays usable for the entries already in it ({@link #entries()}): reading, updating and
 * deleting them only needs their paths. Used by its reporter's worker thread only.
 */
final class SpoolSlot {
    static final long FIRST_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    static final long MAX_RETRY_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final Path root;
    private final String reporter;
    private final SpoolBudget budget;
    private final Clock clock;
    private Spool open;
    private Spool entries;
    private boolean broken;
    private long retryNanos;
    private long nextTry;

    /**
     * @param root     the spool directory, or {@code null} when spooling is off
     * @param reporter the reporter, its sub-directory
     * @param budget   the byte cap shared with the other reporters
     * @param clock    for the time stamps in spooled files
     */
    SpoolSlot(Path root, String reporter, SpoolBudget budget, Clock clock) {
        this.root = root;
        this.reporter = reporter;
        this.budget = budget;
        this.clock = clock;
    }

    /** @return whether spooling is on */
    boolean enabled() {
        return root != null;
    }

    /** @return the spool directory, for messages */
    Path root() {
        return root;
    }

    /** @return the byte cap, for messages */
    long maxBytes() {
        return budget.maxBytes();
    }

    /** @return the open spool new events are written to, or {@code null} (off, or broken) */
    Spool writable() {
        return open;
    }

    /** @return the spool last opened, for the entries read from it (never {@code null} once one was opened) */
    Spool entries() {
        return entries;
    }

    /** @return whether the last attempt to open or write failed */
    boolean broken() {
        return broken;
    }

    /**
     * @param now the time source's reading
     * @return whether a broken spool is due to be tried again
     */
    boolean due(long now) {
        return broken && now - nextTry >= 0;
    }

    /** @return when a broken spool is tried again (time source nanos) */
    long nextTry() {
        return nextTry;
    }

    /**
     * Opens the spool (recreating it 0700 when it was deleted) and loads what it holds.
     *
     * @param known entry directories the caller already queued: left alone
     * @param now   the time source's reading, to schedule the next try after a failure
     * @return the entries found and how many were unreadable
     * @throws IOException when it cannot be opened: the slot is broken and due again later
     */
    Spool.Loaded open(Set<Path> known, long now) throws IOException {
        close();
        Spool s = null;
        try {
            s = new Spool(root, reporter, budget, clock);
            Spool.Loaded loaded = s.load(known);
            open = s;
            entries = s;
            broken = false;
            return loaded;
        } catch (IOException | RuntimeException e) {
            if (s != null) {
                s.close();
            }
            retryNanos = broken ? Math.min(retryNanos * 2, MAX_RETRY_NANOS) : FIRST_RETRY_NANOS;
            broken = true;
            nextTry = now + retryNanos;
            throw e;
        } catch (Error e) {
            // an OutOfMemoryError loading a large spool: release it, or no later owner could ever use it
            if (s != null) {
                s.close();
            }
            throw e;
        }
    }

    /**
     * @param seq   the event's sequence number
     * @param event the event
     * @return the entry, or {@code null} when the byte cap refuses it
     * @throws IOException when the spool cannot take it
     */
    SpoolEntry write(long seq, ReportEvent event) throws IOException {
        return open.write(seq, event);
    }

    /** Releases the spool for another owner. Idempotent. */
    void close() {
        if (open != null) {
            open.close();
            open = null;
        }
    }
}
