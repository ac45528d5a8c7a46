package io.zprof.core.internal.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.zprof.core.status.ReporterStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** One reporter's counters and the status snapshot built from them. */
class ChannelCountersTest {
    private static final Instant T = Instant.parse("2026-01-01T12:00:00Z");

    @Test
    void theSnapshotShowsEveryCounterAndTheyAddUp() {
        ChannelCounters c = new ChannelCounters(ReporterStatus.SpoolState.WAITING);
        for (int i = 0; i < 5; i++) {
            c.enqueued();
        }
        c.recovered(2, 1);
        c.spooled(100);
        c.spooled(50);
        c.attempt(false);
        c.attempt(true);
        c.timedOut();
        c.delivered(T);
        c.unspooled(100);
        c.skipped();
        c.failedPermanent("HTTP 400", T.plusSeconds(1));
        c.droppedQueueFull(2);
        c.refusedSpoolFull();
        c.droppedOnClose(1);
        c.refusedSpoolArtifact();
        c.spoolState(ReporterStatus.SpoolState.OK, null);

        ReporterStatus s = c.snapshot("http", 0);
        assertEquals("http", s.name());
        assertEquals(0, s.queued());
        assertEquals(1, s.spooled());
        assertEquals(50, s.spooledBytes());
        assertEquals(5, s.enqueued());
        assertEquals(3, s.recovered());
        assertEquals(1, s.delivered());
        assertEquals(1, s.skipped());
        assertEquals(2, s.attempts());
        assertEquals(1, s.retries());
        assertEquals(1, s.timeouts());
        assertEquals(2, s.failedPermanent(), "one refused by the server, one unreadable in the spool");
        assertEquals(2, s.droppedQueueFull());
        assertEquals(1, s.refusedSpoolFull());
        assertEquals(1, s.droppedOnClose());
        assertEquals(1, s.refusedSpoolArtifacts());
        assertEquals("HTTP 400", s.lastError());
        assertEquals(T.plusSeconds(1), s.lastErrorTime());
        assertEquals(T, s.lastSuccess());
        assertEquals(ReporterStatus.SpoolState.OK, s.spoolState());
        assertNull(s.spoolError());
        DispatcherFixture.assertAccounted(s);
    }

    @Test
    void aBrokenSpoolShowsWhyAndItsFirstFailureIsTheLastErrorInTheSameSnapshot() {
        ChannelCounters c = new ChannelCounters(ReporterStatus.SpoolState.WAITING);
        c.spoolBroken("java.nio.file.AccessDeniedException: /spool", "spool unavailable: /spool", T);
        ReporterStatus s = c.snapshot("http", 0);
        assertEquals(ReporterStatus.SpoolState.BROKEN, s.spoolState());
        assertEquals("java.nio.file.AccessDeniedException: /spool", s.spoolError());
        assertEquals("spool unavailable: /spool", s.lastError());
        c.error("Connection refused", T.plusSeconds(1));
        c.spoolBroken("java.nio.file.AccessDeniedException: /spool", null, T.plusSeconds(2));
        assertEquals("Connection refused", c.snapshot("http", 0).lastError(), "a later failure leaves the last error");
    }
}
