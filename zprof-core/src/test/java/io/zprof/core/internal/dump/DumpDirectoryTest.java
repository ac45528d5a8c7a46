package io.zprof.core.internal.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.model.ArtifactRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dump directory's own rules: leftovers, names, retention order. */
class DumpDirectoryTest {
    private static final Instant T = Instant.parse("2026-01-02T03:04:05Z");

    @TempDir
    Path tmp;

    private static Set<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void leftoversOfACrashedRunAreRemovedButFilesInFlightAreKept() throws IOException {
        DumpDirectory dir = new DumpDirectory(tmp.resolve("dumps"));
        dir.prepare();
        Path leftover = stale(Files.writeString(dir.path().resolve(EventFiles.TEMP_PREFIX + "p4242.beef-1-heap_20250101-000000_1.hprof"), "x"));
        EventFiles running = dir.open("42", T);
        Path inFlight = Files.writeString(running.newFile("threads", "txt"), "being written");

        dir.open("43", T);

        assertFalse(Files.exists(leftover), "a crashed run's temporary file is removed");
        assertTrue(Files.exists(inFlight), "a running capture's file is kept");
        List<ArtifactRef> sealed = running.seal("threads");
        assertEquals(List.of("threads_20260102-030405_42.txt"), sealed.stream().map(ArtifactRef::name).toList());

        Path later = Files.writeString(dir.path().resolve(inFlight.getFileName()), "a stale copy");
        dir.prepare();
        assertFalse(Files.exists(later), "once sealed, the temporary name is not protected any more");
    }

    /** @return the file, last written two grace periods ago */
    private static Path stale(Path file) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(EventFiles.OTHER_WRITER_GRACE.multipliedBy(2))));
        return file;
    }

    @Test
    void anotherJvmSharingTheDirectoryKeepsTheFilesItIsWriting() throws IOException {
        DumpDirectory dir = new DumpDirectory(tmp.resolve("dumps"));
        dir.prepare();
        // in two containers sharing a volume both JVMs are pid 1: the random part of the owner tells them apart
        Path theirs = Files.writeString(dir.path().resolve(EventFiles.TEMP_PREFIX
                + "p1.5eed-3-heap_20260102-030405_9.hprof"), "another service's heap dump, being written");
        Path crashed = stale(Files.writeString(dir.path().resolve(EventFiles.TEMP_PREFIX
                + "p1.dead-4-heap_20260102-030405_8.hprof"), "left by a run that crashed"));
        Path legacy = stale(Files.writeString(dir.path().resolve(EventFiles.TEMP_PREFIX + "5-threads_20260102-030405_7.txt"),
                "named before temporary names carried their owner"));
        dir.open("44", T);
        assertTrue(Files.exists(theirs), "a file another JVM is writing is not deleted under it");
        assertFalse(Files.exists(crashed), "a leftover nobody has written to for long is removed");
        assertFalse(Files.exists(legacy), "so is an old one without an owner");
    }

    @Test
    void twoFilesOfOneTypeGetDistinctNamesAndUnwrittenRequestsAreIgnored() throws IOException {
        DumpDirectory dir = new DumpDirectory(tmp.resolve("dumps"));
        EventFiles files = dir.open("7", T);
        Files.writeString(files.newFile("histogram", "txt"), "first");
        Files.writeString(files.newFile("histogram", "txt"), "second");
        files.newFile("heap", "hprof");

        List<ArtifactRef> sealed = files.seal("heap");

        assertEquals(List.of("histogram_20260102-030405_7.txt", "histogram_20260102-030405_7-2.txt"),
                sealed.stream().map(ArtifactRef::name).toList());
        assertEquals("first", Files.readString(sealed.get(0).path()));
        assertEquals("second", Files.readString(sealed.get(1).path()));
        assertEquals(Set.of("histogram_20260102-030405_7.txt", "histogram_20260102-030405_7-2.txt"), names(dir.path()));
        sealed.forEach(a -> assertEquals("heap", a.kind()));
    }

    @Test
    void artifactTypeAndExtensionCannotEscapeTheDirectory() throws IOException {
        EventFiles files = new DumpDirectory(tmp.resolve("dumps")).open("7", T);
        for (String[] bad : new String[][] {{"../evil", "txt"}, {"heap", "hprof/../../x"}, {"Heap", "txt"}, {"", "txt"},
            {"heap", ""}}) {
            assertThrows(IOException.class, () -> files.newFile(bad[0], bad[1]), bad[0] + "." + bad[1]);
        }
    }

    @Test
    void retentionDeletesOldestByModificationTimeThenName() throws IOException {
        DumpDirectory dir = new DumpDirectory(tmp.resolve("dumps"));
        dir.prepare();
        Path a = artifact(dir, "cpu_20260101-000000_3.jfr", 100, 10);
        Path b = artifact(dir, "cpu_20260101-000000_1.jfr", 100, 20);
        Path c = artifact(dir, "cpu_20260101-000000_2.jfr", 100, 20);
        Path d = artifact(dir, "timeline_20260101-000000_4.json", 100, 30);
        Path other = artifact(dir, "backup.tar", 100, 0);

        assertEquals(List.of(), dir.enforceRetention(4, Long.MAX_VALUE), "within budget");
        assertEquals(List.of(a, b), dir.enforceRetention(2, Long.MAX_VALUE), "oldest first; equal times by name");
        assertEquals(List.of(c), dir.enforceRetention(10, 150), "bytes: 200 > 150");
        assertTrue(Files.exists(d));
        assertTrue(Files.exists(other));
    }

    private static Path artifact(DumpDirectory dir, String name, int bytes, int epochMinute) throws IOException {
        Path p = Files.write(dir.path().resolve(name), new byte[bytes]);
        Files.setLastModifiedTime(p, FileTime.from(Instant.parse("2025-06-01T00:00:00Z").plusSeconds(60L * epochMinute)));
        return p;
    }
}
