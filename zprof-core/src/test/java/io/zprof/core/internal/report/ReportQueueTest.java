package io.zprof.core.internal.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.model.EventType;
import io.zprof.api.model.ReportEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The queue's stages and drop policy, without threads, files or a clock. */
class ReportQueueTest {

    private static ReportEvent event(String id) {
        return ReportEvent.builder().eventId(id).type(EventType.TRIGGER).time(Instant.parse("2026-01-01T12:00:00Z"))
                .rule("cpu").build();
    }

    private static Pending spooled(long seq) {
        return Pending.onDisk(new SpoolEntry(seq, Path.of("/spool/http/" + seq + "-s" + seq), 100, 0));
    }

    private static List<String> drainLine(ReportQueue q) {
        List<String> ids = new ArrayList<>();
        for (Pending p = q.pollLine(); p != null; p = q.pollLine()) {
            ids.add(p.id());
        }
        return ids;
    }

    @Test
    void aFullInboxDropsItsOldestEvent() {
        ReportQueue q = new ReportQueue(2);
        assertEquals(0, q.offer(event("e1")));
        assertEquals(0, q.offer(event("e2")));
        assertEquals(1, q.offer(event("e3")));
        assertEquals(2, q.heldInMemory());
        assertEquals("e2", q.pollInbox().eventId());
        assertEquals("e3", q.pollInbox().eventId());
        assertNull(q.pollInbox());
    }

    @Test
    void memoryOnlyEventsInTheLineGoFirstWhenRoomIsNeededAndSpooledOnesNever() {
        ReportQueue q = new ReportQueue(2);
        q.addSpooled(spooled(1));
        q.addInMemory(event("m1"));
        q.addSpooled(spooled(2));
        q.addInMemory(event("m2"));
        assertEquals(1, q.offer(event("new")), "one over the capacity of two");
        assertEquals(2, q.heldInMemory());
        assertEquals(List.of("s1", "s2", "m2"), drainLine(q), "the oldest memory-only event went; spooled ones stay");
        assertEquals("new", q.pollInbox().eventId());
    }

    @Test
    void withoutASpoolTheInboxMovesToTheLineInOrder() {
        ReportQueue q = new ReportQueue(10);
        q.offer(event("a"));
        q.offer(event("b"));
        q.inboxToLine();
        assertFalse(q.hasInbox());
        assertEquals(2, q.heldInMemory());
        assertEquals(List.of("a", "b"), drainLine(q));
        assertEquals(0, q.heldInMemory());
    }

    @Test
    void aRetryGoesFirstWithinItsRoundAndLastAfterIt() {
        ReportQueue q = new ReportQueue(10);
        q.addSpooled(spooled(1));
        q.addSpooled(spooled(2));
        Pending first = q.pollLine();
        q.putBack(first, true);
        assertSame(first, q.pollLine(), "its round goes on: tried again first");
        q.putBack(first, false);
        assertEquals(List.of("s2", "s1"), drainLine(q), "its round failed: the events behind it go first");
    }

    @Test
    void aMemoryOnlyRetryCountsAgainstTheCapacity() {
        ReportQueue q = new ReportQueue(1);
        q.addInMemory(event("a"));
        Pending inFlight = q.pollLine();
        q.offer(event("b"));
        assertEquals(1, q.putBack(inFlight, false), "back in memory, over the capacity: the line's oldest goes");
        assertEquals(List.of(), drainLine(q));
        assertEquals("b", q.pollInbox().eventId(), "the newer event stays");
    }

    @Test
    void aSmallerCapacityDropsAtOnce() {
        ReportQueue q = new ReportQueue(5);
        for (int i = 0; i < 5; i++) {
            q.offer(event("e" + i));
        }
        assertEquals(3, q.resize(2));
        assertEquals("e3", q.pollInbox().eventId());
    }

    @Test
    void whenTheSpoolWorksAgainMemoryOnlyEventsGoBackToTheInboxAheadOfNewerOnes() {
        ReportQueue q = new ReportQueue(10);
        q.addInMemory(event("m1"));
        q.addSpooled(spooled(1));
        q.addInMemory(event("m2"));
        q.offer(event("new"));
        q.respoolMemoryOnly();
        assertEquals(List.of("s1"), drainLine(q));
        assertEquals("m1", q.pollInbox().eventId());
        assertEquals("m2", q.pollInbox().eventId());
        assertEquals("new", q.pollInbox().eventId());
    }

    @Test
    void stopForgetsWhatIsInMemoryOnlyAndKnowsItsSpooledEntries() {
        ReportQueue q = new ReportQueue(10);
        q.addSpooled(spooled(7));
        q.addInMemory(event("m"));
        q.offer(event("n"));
        assertEquals(Set.of(Path.of("/spool/http/7-s7")), q.spooledDirectories());
        assertEquals(2, q.discardMemoryOnly());
        assertEquals(0, q.heldInMemory());
        assertTrue(q.hasInbox() == false && q.lineSize() == 1, "the spooled entry stays");
    }
}
