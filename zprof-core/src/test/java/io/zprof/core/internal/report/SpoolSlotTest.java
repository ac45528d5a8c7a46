package io.zprof.core.internal.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.model.EventType;
import io.zprof.api.model.ReportEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One reporter's spool slot on a real directory: one owner at a time, retries of a spool that cannot be opened. */
class SpoolSlotTest {
    @TempDir
    Path tmp;

    private SpoolSlot slot(Path root) {
        return new SpoolSlot(root, "http", new SpoolBudget(1 << 20), Clock.systemUTC());
    }

    private static ReportEvent event(String id) {
        return ReportEvent.builder().eventId(id).type(EventType.TRIGGER).time(Instant.parse("2026-01-01T12:00:00Z"))
                .rule("cpu").build();
    }

    @Test
    void aSecondOwnerInThisJvmIsRefusedUntilTheFirstReleasesTheSpool() throws IOException {
        SpoolSlot first = slot(tmp.resolve("spool"));
        first.open(Set.of(), 0);
        SpoolEntry written = first.write(0, event("e1"));
        assertNotNull(written);

        SpoolSlot second = slot(tmp.resolve("spool"));
        IOException refused = assertThrows(IOException.class, () -> second.open(Set.of(), 0));
        assertTrue(refused.getMessage().contains("already in use by another zprof instance in this JVM"),
                refused.getMessage());
        assertTrue(second.broken());
        assertNull(second.writable(), "nothing is written by an owner that does not hold the spool");

        first.close();
        Spool.Loaded loaded = second.open(Set.of(), 0);
        assertFalse(second.broken());
        assertEquals(1, loaded.entries().size(), "the second owner finds what the first left");
        second.close();
    }

    @Test
    void aSpoolThatCannotBeOpenedIsTriedAgainMoreAndMoreRarely() throws IOException {
        Path notADirectory = Files.writeString(tmp.resolve("spool"), "a file where the spool should be");
        SpoolSlot s = slot(notADirectory);
        long now = 1_000;
        assertThrows(IOException.class, () -> s.open(Set.of(), now));
        assertEquals(now + SpoolSlot.FIRST_RETRY_NANOS, s.nextTry());
        assertFalse(s.due(now + SpoolSlot.FIRST_RETRY_NANOS - 1));
        assertTrue(s.due(now + SpoolSlot.FIRST_RETRY_NANOS));
        assertThrows(IOException.class, () -> s.open(Set.of(), now));
        assertEquals(now + 2 * SpoolSlot.FIRST_RETRY_NANOS, s.nextTry(), "the wait doubles");
        for (int i = 0; i < 20; i++) {
            assertThrows(IOException.class, () -> s.open(Set.of(), now));
        }
        assertEquals(now + SpoolSlot.MAX_RETRY_NANOS, s.nextTry(), "up to its cap");

        Files.delete(notADirectory);
        s.open(Set.of(), now);
        assertFalse(s.broken(), "recreated once the obstacle is gone");
        assertTrue(Files.isDirectory(notADirectory.resolve("http")));
        s.close();
    }

    @Test
    void spoolingOffHasNoSpool() {
        SpoolSlot off = slot(null);
        assertFalse(off.enabled());
        assertNull(off.writable());
    }
}
