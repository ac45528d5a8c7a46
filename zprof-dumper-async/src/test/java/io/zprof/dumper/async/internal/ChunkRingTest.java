package io.zprof.dumper.async.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window's bounded history of files. */
class ChunkRingTest {
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void filesOlderThanMaxAgeGoAndTheRestAreWrittenOldestFirst() throws Exception {
        try (ChunkRing ring = new ChunkRing(dir, Duration.ofSeconds(30), 1 << 20)) {
            add(ring, "a", T0);
            add(ring, "b", T0.plusSeconds(20));
            add(ring, "c", T0.plusSeconds(40));
            assertEquals(2, ring.size(), "a ended 40 s before the last file, over the 30 s max age");
            Path out = dir.resolve("window.jfr");
            ring.writeTo(out);
            assertArrayEquals("bc".getBytes(), Files.readAllBytes(out));
        }
    }

    @Test
    void theOldestGoWhileOverTheByteBudgetButTheNewestStays() throws Exception {
        try (ChunkRing ring = new ChunkRing(dir, Duration.ofHours(1), 10)) {
            add(ring, "123456", T0);
            add(ring, "7890", T0.plusSeconds(1));
            assertEquals(10, ring.bytes());
            add(ring, "abc", T0.plusSeconds(2));
            assertEquals(7, ring.bytes(), "the oldest went");
            add(ring, "a file larger than the budget", T0.plusSeconds(3));
            assertEquals(1, ring.size(), "the newest stays even alone over budget");
        }
    }

    @Test
    void anEmptyRingHasNothingToWriteAndClosingLeavesNothing() throws Exception {
        Path ringDir;
        try (ChunkRing ring = new ChunkRing(dir, Duration.ofSeconds(30), 1 << 20)) {
            assertThrows(IOException.class, () -> ring.writeTo(dir.resolve("w.jfr")));
            add(ring, "a", T0);
            ringDir = ring.nextFile().getParent();
        }
        assertEquals(false, Files.exists(ringDir));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void aContinuousProfilingChunkTakesEveryFileSinceTheLastOneHoweverOldAndNoFileTwice() throws Exception {
        try (ChunkRing ring = new ChunkRing(dir, Duration.ofSeconds(30), 1 << 20)) {
            add(ring, "before", T0);
            ring.keepForProfile();
            assertFalse(ring.profilePending());
            add(ring, "a", T0);
            add(ring, "b", T0.plusSeconds(40));
            assertEquals(1, ring.size(), "the window let a go (over max age)");
            Path first = dir.resolve("chunk-1.jfr");
            ring.takeProfile(first);
            assertArrayEquals("ab".getBytes(), Files.readAllBytes(first), "the chunk still has it, and only what"
                    + " came after profiling began");
            assertFalse(ring.profilePending());
            assertThrows(IOException.class, () -> ring.takeProfile(dir.resolve("empty.jfr")));
            add(ring, "c", T0.plusSeconds(41));
            Path second = dir.resolve("chunk-2.jfr");
            ring.takeProfile(second);
            assertArrayEquals("c".getBytes(), Files.readAllBytes(second), "no file in two chunks");
            Path window = dir.resolve("window.jfr");
            ring.writeTo(window);
            assertArrayEquals("bc".getBytes(), Files.readAllBytes(window), "chunks take nothing from the window");
        }
    }

    private static void add(ChunkRing ring, String content, Instant end) throws IOException {
        ring.add(Files.writeString(ring.nextFile(), content), end);
    }
}
