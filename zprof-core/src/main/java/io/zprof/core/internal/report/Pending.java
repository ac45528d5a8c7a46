package io.zprof.core.internal.report;

import io.zprof.api.model.ReportEvent;

/**
 * An event waiting for one reporter: either on disk ({@link #spooled}) or, when the spool is off or refused it,
 * only in memory ({@link #event}). Mutable retry state; used under its channel's lock or by its worker only.
 */
final class Pending {
    /** Held only when the event is not in the spool; spooled events are read back from disk when their turn comes. */
    final ReportEvent event;
    /** The spool entry, or {@code null} for an event kept in memory only. */
    SpoolEntry spooled;
    /** Attempts of the current round. */
    int roundAttempts;
    /** {@link System#nanoTime()} when the current round started. */
    long roundStartNanos;
    /** Attempts so far, across rounds (and restarts, for spooled events). */
    int attempts;
    /** Held in memory and in flight when the spool became usable: written to it if this attempt fails. */
    boolean spoolWhenBack;

    private Pending(ReportEvent event, SpoolEntry spooled) {
        this.event = event;
        this.spooled = spooled;
        this.attempts = spooled == null ? 0 : spooled.attempts();
    }

    /** @param event an event that lives in memory only @return its pending entry */
    static Pending inMemory(ReportEvent event) {
        return new Pending(event, null);
    }

    /** @param entry an event in the spool @return its pending entry */
    static Pending onDisk(SpoolEntry entry) {
        return new Pending(null, entry);
    }

    /** @return whether losing this entry from memory loses the event */
    boolean memoryOnly() {
        return spooled == null;
    }

    /** @return the event id, for logs */
    String id() {
        if (event != null) {
            return event.eventId();
        }
        String dir = spooled.dir().getFileName().toString();
        return dir.substring(dir.indexOf('-') + 1);
    }
}
