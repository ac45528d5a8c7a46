package io.zprof.core.internal.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.model.ArtifactRef;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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

    @Test
    void partialFilesOfAWriterKilledWithSigkillAreRemovedAndCountedThoseOfALiveOneAreKept() throws Exception {
        Path dumps = tmp.resolve("dumps");
        Process killed = partialWriter(dumps);
        Process alive = partialWriter(dumps);
        try {
            Path killedFile = Path.of(firstLine(killed));
            Path aliveFile = Path.of(firstLine(alive));
            killed.destroyForcibly();
            assertTrue(killed.waitFor(30, TimeUnit.SECONDS));
            assertEquals(128 + 9, killed.exitValue(), "killed by SIGKILL");
            assertTrue(Files.exists(killedFile), "kill -9 leaves the partial file behind");

            DumpDirectoryHealth health = new DumpDirectoryHealth(Clock.systemUTC());
            new DumpDirectory(dumps, health).prepare();

            assertFalse(Files.exists(killedFile), "its writer is dead: removed at once, not after an hour");
            assertTrue(Files.exists(aliveFile), "its writer runs: kept");
            assertEquals(1, health.status().partialFilesRemoved());
            assertEquals(256 * 1024, health.status().partialBytesRemoved());
        } finally {
            killed.destroyForcibly();
            alive.destroyForcibly();
            alive.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** @return a child JVM writing a partial heap dump into {@code dir} like a capture, then waiting */
    private static Process partialWriter(Path dir) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), PartialFileWriterMain.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static String firstLine(Process p) throws IOException {
        String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertNotNull(line, "the child wrote its partial file");
        return line;
    }

    @Test
    void concurrentRetentionRequestsRunOnePassAtATimeAndDeleteEachFileOnce() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 10; round++) {
                DumpDirectory dir = new DumpDirectory(tmp.resolve("dumps-" + round));
                dir.prepare();
                for (int i = 0; i < 300; i++) {
                    artifact(dir, "cpu_20260101-000000_" + (1000 + i) + ".jfr", 10, i);
                }
                CyclicBarrier go = new CyclicBarrier(threads);
                List<Future<List<Path>>> passes = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    passes.add(pool.submit(() -> {
                        go.await(10, TimeUnit.SECONDS);
                        return dir.enforceRetention(100, Long.MAX_VALUE);
                    }));
                }
                List<Path> deleted = new ArrayList<>();
                for (Future<List<Path>> f : passes) {
                    deleted.addAll(f.get(30, TimeUnit.SECONDS));
                }
                assertEquals(200, deleted.size(), "round " + round + ": every deletion reported once, no pass aborted");
                assertEquals(200, new HashSet<>(deleted).size(), "round " + round + ": no file deleted twice");
                assertEquals(100, names(dir.path()).size());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Path artifact(DumpDirectory dir, String name, int bytes, int epochMinute) throws IOException {
        Path p = Files.write(dir.path().resolve(name), new byte[bytes]);
        Files.setLastModifiedTime(p, FileTime.from(Instant.parse("2025-06-01T00:00:00Z").plusSeconds(60L * epochMinute)));
        return p;
    }
}
