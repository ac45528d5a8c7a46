package io.zprof.core.internal.report;

import io.zprof.api.model.ReportEvent;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * One reporter's waiting events and the drop policy that bounds the memory they take. Pure bookkeeping: no threads,
 * no I/O, no clock (its channel calls it under its lock).
 *
 * <p>Two stages: the <em>inbox</em> holds new events not yet written to the spool; the <em>line</em> holds events
 * waiting for a call, in delivery order, each either in the spool or in memory only. Only events held in memory
 * count against the capacity ({@code zprof.report.queuesize}); when it is exceeded, the oldest memory-only event of
 * the line is dropped first, then the oldest of the inbox. Spooled events are never dropped: they cost no memory.
 */
final class ReportQueue {
    private final ArrayDeque<ReportEvent> inbox = new ArrayDeque<>();
    private final ArrayDeque<Pending> line = new ArrayDeque<>();
    private int memoryInLine;
    private int capacity;

    /** @param capacity the most events held in memory only */
    ReportQueue(int capacity) {
        this.capacity = capacity;
    }

    /**
     * @param event a new event
     * @return how many events were dropped to make room for it
     */
    int offer(ReportEvent event) {
        inbox.addLast(event);
        return enforceCapacity();
    }

    /**
     * @param newCapacity a new capacity (a reconfiguration)
     * @return how many events were dropped to fit it
     */
    int resize(int newCapacity) {
        capacity = newCapacity;
        return enforceCapacity();
    }

    /** @return whether new events wait for the spool */
    boolean hasInbox() {
        return !inbox.isEmpty();
    }

    /** @return the oldest new event, now out of the queue (the caller writes it to the spool), or {@code null} */
    ReportEvent pollInbox() {
        return inbox.pollFirst();
    }

    /** Moves every new event into the line, in memory only: the spool is off or cannot be used. */
    void inboxToLine() {
        while (!inbox.isEmpty()) {
            line.addLast(Pending.inMemory(inbox.pollFirst()));
            memoryInLine++;
        }
    }

    /** @param spooled an event written to the spool: it waits at the back of the line */
    void addSpooled(Pending spooled) {
        line.addLast(spooled);
    }

    /**
     * @param event an event the spool refused or could not take: it waits in memory at the back of the line
     * @return how many events were dropped to make room for it
     */
    int addInMemory(ReportEvent event) {
        line.addLast(Pending.inMemory(event));
        memoryInLine++;
        return enforceCapacity();
    }

    /** @return whether no event waits for a call */
    boolean lineEmpty() {
        return line.isEmpty();
    }

    /** @return events waiting for a call */
    int lineSize() {
        return line.size();
    }

    /** @return the next event to send, now out of the line, or {@code null} */
    Pending pollLine() {
        Pending p = line.pollFirst();
        if (p != null && p.memoryOnly()) {
            memoryInLine--;
        }
        return p;
    }

    /**
     * An attempt failed: the event waits again.
     *
     * @param p     the event
     * @param front {@code true} to try it again first (its round goes on), {@code false} to put it at the back of the
     *              line (its round failed: the events behind it go first)
     * @return how many events were dropped to make room for it
     */
    int putBack(Pending p, boolean front) {
        if (front) {
            line.addFirst(p);
        } else {
            line.addLast(p);
        }
        if (p.memoryOnly()) {
            memoryInLine++;
            return enforceCapacity();
        }
        return 0;
    }

    /** @param event an event to write to the spool before any newer one (it waited in memory while the spool was away) */
    void toInboxFront(ReportEvent event) {
        inbox.addFirst(event);
    }

    /** The spool works again: the events the line holds in memory only go back to the inbox, in order, to be spooled. */
    void respoolMemoryOnly() {
        List<ReportEvent> held = new ArrayList<>();
        for (Iterator<Pending> it = line.iterator(); it.hasNext(); ) {
            Pending q = it.next();
            if (q.memoryOnly()) {
                held.add(q.event);
                it.remove();
            }
        }
        memoryInLine = 0;
        for (int i = held.size() - 1; i >= 0; i--) {
            inbox.addFirst(held.get(i));
        }
    }

    /** @return how many events are held in memory only (the inbox and the line's memory-only entries) */
    int heldInMemory() {
        return inbox.size() + memoryInLine;
    }

    /**
     * Stop: forgets every event held in memory only; spooled ones stay on disk.
     *
     * @return how many were forgotten (lost)
     */
    int discardMemoryOnly() {
        int lost = heldInMemory();
        inbox.clear();
        line.removeIf(Pending::memoryOnly);
        memoryInLine = 0;
        return lost;
    }

    /** @return the spool entry directories in the line, so that reopening the spool does not queue them twice */
    Set<Path> spooledDirectories() {
        Set<Path> known = new HashSet<>();
        for (Pending q : line) {
            if (q.spooled != null) {
                known.add(q.spooled.dir());
            }
        }
        return known;
    }

    private int enforceCapacity() {
        int dropped = 0;
        while (inbox.size() + memoryInLine > capacity) {
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
            dropped++;
        }
        return dropped;
    }
}
