package io.zprof.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zprof.api.config.ConfigurationException;
import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.ArtifactRef;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.DumpOutcome;
import io.zprof.api.model.Metric;
import io.zprof.api.model.MetricSource;
import io.zprof.api.model.ReportEvent;
import io.zprof.api.spi.CollectorProvider;
import io.zprof.api.spi.DumperProvider;
import io.zprof.core.fixtures.EngineHarness;
import io.zprof.core.fixtures.FakeDumperProvider;
import io.zprof.core.fixtures.FakeLoader;
import io.zprof.core.fixtures.ScriptedCollectorProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Evidence on disk, through the engine: names, atomic sealing, permissions, retention, failures, the timeline. */
class DumpBookkeepingTest {
    private static final String STAMP = "20260102-030405";
    private static final String FIRST_ID = Long.toString(EngineHarness.START.toEpochMilli() * 1000);
    private static final Pattern NAME = Pattern.compile("(threads|heap|timeline)_\\d{8}-\\d{6}_\\d+\\.(txt|json)");

    @TempDir
    Path tmp;

    private final ScriptedCollectorProvider collector = new ScriptedCollectorProvider("scripted", 0, Metric.JVM_THREADS,
            Metric.OS_THREADS, Metric.RSS_BYTES, Metric.MEMORY_LIMIT_BYTES);
    private final FakeDumperProvider dumper = new FakeDumperProvider("fake", 0, DumpKind.THREADS, DumpKind.HEAP);
    private EngineHarness h;

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
    }

    private Path dumps() {
        return tmp.resolve("dumps");
    }

    /** JVM threads above 100 fire at every cycle (no warm-up, no cooldown), capturing a thread dump. */
    private ZprofConfig.Builder firing(Path dir) {
        return EngineHarness.config(dir).threads(r -> r.enabled(true).min(1).abs(100).diff(0).max(0).cooldown(Duration.ZERO)
                .dumps(DumpKind.THREADS));
    }

    private EngineHarness start(ZprofConfig cfg) {
        h = new EngineHarness(cfg, new FakeLoader().with(CollectorProvider.class, collector).with(DumperProvider.class, dumper));
        h.start();
        collector.set(Metric.JVM_THREADS, 150);
        return h;
    }

    private ReportEvent fire() {
        h.cycle();
        return h.nextEvent();
    }

    private static Set<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void finalNamesAreTypeStampAndEventId() throws IOException {
        start(firing(dumps()).build());
        ReportEvent e = fire();

        assertEquals(FIRST_ID, e.eventId(), "microseconds of the trigger time");
        assertEquals(Set.of("threads_" + STAMP + "_" + FIRST_ID + ".txt", "timeline_" + STAMP + "_" + FIRST_ID + ".json"),
                e.artifacts().stream().map(ArtifactRef::name).collect(Collectors.toSet()));
        for (ArtifactRef a : e.artifacts()) {
            assertTrue(NAME.matcher(a.name()).matches(), a.name());
            assertEquals(dumps().toAbsolutePath().resolve(a.name()), a.path());
            assertEquals(Files.size(a.path()), a.sizeBytes());
        }
        assertEquals(e.artifacts().stream().map(ArtifactRef::name).collect(Collectors.toCollection(TreeSet::new)), names(dumps()),
                "nothing else is left in the directory (no temporary file)");
    }

    @Test
    void eventIdsAreUniqueWithinOneMillisecond() throws Exception {
        EventIds ids = new EventIds();
        long ms = EngineHarness.START.toEpochMilli();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        int threads = 4;
        int each = 5_000;
        CyclicBarrier go = new CyclicBarrier(threads);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                try {
                    go.await(10, TimeUnit.SECONDS);
                } catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
                long prev = -1;
                for (int i = 0; i < each; i++) {
                    String id = ids.next(ms);
                    long v = Long.parseLong(id);
                    if (v <= prev || !seen.add(id)) {
                        throw new AssertionError("id " + id + " repeated or not increasing after " + prev);
                    }
                    prev = v;
                }
            });
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join(TimeUnit.SECONDS.toMillis(20));
        }
        assertEquals(threads * each, seen.size());
        assertTrue(Long.parseLong(ids.next(ms - 1000)) > Long.parseLong(ids.next(ms)) - 2,
                "a clock stepping back does not reuse ids");
    }

    @Test
    void manyEventsInTheSameMillisecondGetDistinctFiles() throws IOException {
        start(firing(dumps()).build());
        int n = 25;
        for (int i = 0; i < n; i++) {
            h.cycle();
        }
        List<ReportEvent> events = h.nextEvents(n);
        assertEquals(n, events.stream().map(ReportEvent::eventId).distinct().count());
        Set<String> files = names(dumps());
        assertEquals(2 * n, files.size(), files.toString());
        assertTrue(files.stream().allMatch(f -> f.contains("_" + STAMP + "_")), "same second for all: " + files);
        Set<Path> fromEvents = new HashSet<>();
        events.forEach(e -> e.artifacts().forEach(a -> fromEvents.add(a.path())));
        assertEquals(2 * n, fromEvents.size(), "every artifact has its own file");
    }

    @Test
    void noFileHasItsFinalNameWhileTheDumperIsStillWriting() throws IOException {
        AtomicReference<String> seenWhileWriting = new AtomicReference<>();
        dumper.behaviour(r -> {
            Path p = r.output().newFile("threads", "txt");
            Files.writeString(p, "half of a thread dump\n");
            String finalName = "threads_" + STAMP + "_" + r.eventId() + ".txt";
            Set<String> now = names(p.getParent());
            seenWhileWriting.set((now.contains(finalName) ? "FINAL NAME VISIBLE " : "") + "temp=" + p.getFileName() + " dir=" + now);
            Files.writeString(p, "the other half\n", java.nio.file.StandardOpenOption.APPEND);
            return DumpOutcome.done();
        });
        start(firing(dumps()).build());
        ReportEvent e = fire();

        String seen = seenWhileWriting.get();
        assertNotNull(seen);
        assertFalse(seen.contains("FINAL NAME VISIBLE"), seen);
        assertTrue(seen.contains("temp=.zprof-tmp-"), "the dumper writes under a temporary name: " + seen);
        Path sealed = e.artifacts().stream().filter(a -> a.kind().equals("threads")).findFirst().orElseThrow().path();
        assertEquals("half of a thread dump\nthe other half\n", Files.readString(sealed), "sealed once complete");
        assertTrue(names(dumps()).stream().noneMatch(n -> n.startsWith(".zprof-tmp-")), names(dumps()).toString());
    }

    @Test
    void directoryIsPrivateAndFilesOwnerOnly() throws IOException {
        start(firing(dumps()).build());
        ReportEvent e = fire();
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dumps())));
        for (ArtifactRef a : e.artifacts()) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(a.path())), a.name());
        }
    }

    @Test
    void anExistingDirectoryKeepsItsModeAndItsOtherFiles() throws IOException {
        // a shared directory such as /var/log, and an administrator's read-only 0500 (root writes there anyway)
        for (String mode : List.of("rwxr-xr-x", "r-x------")) {
            Path shared = Files.createDirectories(tmp.resolve("shared-" + mode));
            Path theirs = Files.writeString(shared.resolve("app.log"), "someone else's file");
            Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString(mode));
            start(firing(shared).build());
            ReportEvent e = fire();
            assertNull(e.error());
            h.close();
            assertEquals(mode, PosixFilePermissions.toString(Files.getPosixFilePermissions(shared)),
                    "zprof changes the mode of no directory it did not create");
            assertEquals("someone else's file", Files.readString(theirs));
            for (ArtifactRef a : e.artifacts()) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(a.path())), a.name());
            }
        }
    }

    /** Creates an artifact-named file with a modification time {@code ageMinutes} before 2020-01-01. */
    private static Path oldArtifact(Path dir, String name, int bytes, int ageMinutes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, new byte[bytes]);
        Files.setLastModifiedTime(p, FileTime.from(Instant.parse("2020-01-01T00:00:00Z").minus(Duration.ofMinutes(ageMinutes))));
        return p;
    }

    @Test
    void retentionByFileCountRemovesOldestFirstAndNothingElse() throws IOException {
        Files.createDirectories(dumps());
        List<String> old = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            // ages 60, 50, ..., 10 minutes: old.get(0) is the oldest
            old.add(oldArtifact(dumps(), "cpu_20191231-23" + (10 + i) + "00_" + (1000 + i) + ".jfr", 10, 60 - 10 * i)
                    .getFileName().toString());
        }
        Path notes = oldArtifact(dumps(), "notes.txt", 10, 999);
        Path readme = oldArtifact(dumps(), "README", 10, 999);
        Path lookalike = oldArtifact(dumps(), "My_20191231-230000_1.txt", 10, 999);
        Files.createDirectory(dumps().resolve("heap_20191231-230000_7.d"));

        start(firing(dumps()).dump(d -> d.maxFiles(5)).build());
        ReportEvent e = fire();

        Set<String> left = names(dumps());
        for (int i = 0; i < 3; i++) {
            assertFalse(left.contains(old.get(i)), "the 3 oldest are removed: " + left);
        }
        for (int i = 3; i < 6; i++) {
            assertTrue(left.contains(old.get(i)), "the 3 newest old ones stay: " + left);
        }
        e.artifacts().forEach(a -> assertTrue(left.contains(a.name()), a.name()));
        for (Path unrelated : List.of(notes, readme, lookalike, dumps().resolve("heap_20191231-230000_7.d"))) {
            assertTrue(Files.exists(unrelated), "never touched: " + unrelated);
        }
    }

    @Test
    void retentionByBytesRemovesOldestFirstAndIgnoresUnrelatedFiles() throws IOException {
        Files.createDirectories(dumps());
        int k400 = 400 * 1024;
        Path oldest = oldArtifact(dumps(), "heap_20191231-230000_1.hprof", k400, 30);
        Path middle = oldArtifact(dumps(), "heap_20191231-231000_2.hprof", k400, 20);
        Path newest = oldArtifact(dumps(), "heap_20191231-232000_3.hprof", k400, 10);
        Path unrelated = oldArtifact(dumps(), "application.log", 2 * 1024 * 1024, 999);

        start(firing(dumps()).dump(d -> d.maxBytes(1024 * 1024)).build());
        ReportEvent e = fire();

        assertFalse(Files.exists(oldest), "1.2 MiB of artifacts > 1 MiB: the oldest goes");
        assertTrue(Files.exists(middle));
        assertTrue(Files.exists(newest));
        assertTrue(Files.exists(unrelated), "a big unrelated file neither counts nor is deleted");
        e.artifacts().forEach(a -> assertTrue(Files.exists(a.path()), a.name()));
    }

    /** The dumper writes part of its file, then fails with {@code failure}. */
    private void assertPartialDumpIsDiscardedAndSamplingGoesOn(Throwable failure) throws IOException {
        dumper.behaviour(r -> {
            Files.writeString(r.output().newFile("threads", "txt"), "partial");
            if (failure instanceof IOException) {
                throw (IOException) failure;
            }
            throw (Error) failure;
        });
        start(firing(dumps()).build());
        ReportEvent e = fire();
        assertEquals("threads: failed: " + failure, e.error());
        assertEquals(List.of("timeline"), e.artifacts().stream().map(ArtifactRef::kind).toList(),
                "the timeline is still written; the partial file is discarded");
        assertEquals(1L, h.counter("captureFailures"));
        assertTrue(names(dumps()).stream().noneMatch(n -> n.startsWith(".zprof-tmp-") || n.startsWith("threads_")),
                names(dumps()).toString());
        assertEngineGoesOn();
    }

    @Test
    void dumperIOExceptionIsReportedAndSamplingGoesOn() throws IOException {
        assertPartialDumpIsDiscardedAndSamplingGoesOn(new IOException("disk on fire"));
    }

    @Test
    void dumperErrorIsReportedItsPartialFileDiscardedAndSamplingGoesOn() throws IOException {
        assertPartialDumpIsDiscardedAndSamplingGoesOn(new OutOfMemoryError("the dumper's buffer"));
    }

    @Test
    void dumperRuntimeExceptionIsReportedAndSamplingGoesOn() {
        dumper.behaviour(r -> {
            throw new IllegalStateException("dumper bug");
        });
        start(firing(dumps()).build());
        assertEquals("threads: failed: java.lang.IllegalStateException: dumper bug", fire().error());
        assertEngineGoesOn();
    }

    @Test
    void skippedCaptureIsReportedWithItsReason() {
        dumper.behaviour(r -> DumpOutcome.skipped("free disk 1.0 GiB < 1.2 × used heap"));
        start(firing(dumps()).build());
        assertEquals("threads: skipped: free disk 1.0 GiB < 1.2 × used heap", fire().error());
        assertEquals(1L, h.counter("captureSkips"));
        assertEngineGoesOn();
    }

    @Test
    void missingDumperIsReported() {
        start(firing(dumps()).threads(r -> r.dumps(DumpKind.CPU)).build());
        ReportEvent e = fire();
        assertTrue(e.error().startsWith("cpu: no dumper available"), e.error());
    }

    @Test
    void worldWritableDirectoryIsRefusedAtStart() throws IOException {
        Files.createDirectories(dumps());
        Files.setPosixFilePermissions(dumps(), PosixFilePermissions.fromString("rwxrwxrwx"));
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> start(firing(dumps()).build()));
        assertEquals("zprof.dump.path", e.key());
        assertTrue(e.getMessage().contains("writable by every user"), e.getMessage());
        assertFalse(h.engine().isRunning());
        assertEquals(Set.of(), names(dumps()), "nothing is written into a shared directory");
        assertEquals("rwxrwxrwx", PosixFilePermissions.toString(Files.getPosixFilePermissions(dumps())),
                "zprof does not take over a shared directory");
    }

    private void assertEngineGoesOn() {
        long cycles = h.counter("cycles");
        ReportEvent next = fire();
        assertNotNull(next);
        assertEquals(cycles + 1, h.counter("cycles"));
        assertTrue(h.engine().isRunning());
    }

    @Test
    void aSecondCaptureDoesNotDeleteTheFilesOfOneStillBeingWritten() throws IOException {
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FakeDumperProvider heapDumper = new FakeDumperProvider("heapfake", 10, DumpKind.HEAP);
        dumper.behaviour(r -> {
            Path p = r.output().newFile("threads", "txt");
            Files.writeString(p, "a long thread dump\n");
            written.countDown();
            FakeDumperProvider.await(release, Duration.ofSeconds(10));
            return DumpOutcome.done();
        });
        ZprofConfig cfg = firing(dumps()).memory(r -> r.enabled(true).min(1).abs(50).diff(0).cooldown(Duration.ZERO)
                .dumps(DumpKind.HEAP)).build();
        h = new EngineHarness(cfg, new FakeLoader().with(CollectorProvider.class, collector)
                .with(DumperProvider.class, dumper, heapDumper)).start();

        collector.set(Metric.JVM_THREADS, 150);
        h.cycle();
        assertTrue(FakeDumperProvider.await(written, Duration.ofSeconds(10)), "the thread dump is being written");
        collector.set(Metric.JVM_THREADS, 1).set(Metric.RSS_BYTES, 90).set(Metric.MEMORY_LIMIT_BYTES, 100);
        h.cycle();
        ReportEvent memory = h.nextEvent();
        assertEquals("memory", memory.rule(), "the second capture ran while the first one was still writing");
        release.countDown();
        ReportEvent threads = h.nextEvent();

        assertEquals("threads", threads.rule());
        assertNull(threads.error());
        Path dump = threads.artifacts().stream().filter(a -> a.kind().equals("threads")).map(ArtifactRef::path).findFirst()
                .orElseThrow(() -> new AssertionError("the thread dump was lost: " + threads.artifacts()));
        assertEquals("a long thread dump\n", Files.readString(dump));
    }

    @Test
    void timelineHoldsRuleReasonConfigAndSamplesWithSources() throws IOException {
        start(firing(dumps()).warmupCycles(2).windowSize(5).threads(r -> r.cooldown(Duration.ofMinutes(1)))
                .label("app", "shop").build());
        collector.set(Metric.OS_THREADS, 40, MetricSource.CGROUP_V1);
        collector.set(Metric.RSS_BYTES, 1024, MetricSource.JVM_APPROXIMATION).set(Metric.MEMORY_LIMIT_BYTES, 4096, MetricSource.JVM);
        double[] fed = {50, 60, 150};
        for (double v : fed) {
            collector.set(Metric.JVM_THREADS, v, MetricSource.JVM);
            h.cycle();
            h.clock().advance(Duration.ofSeconds(5));
        }
        ReportEvent e = h.nextEvent();
        Path timeline = e.artifacts().stream().filter(a -> a.kind().equals("timeline")).findFirst().orElseThrow().path();

        JsonNode root = new ObjectMapper().readTree(Files.readString(timeline, StandardCharsets.UTF_8));

        assertEquals(e.eventId(), root.get("eventId").asText());
        assertEquals("threads", root.get("rule").asText());
        assertEquals("fired: 150.0 > abs 100.0", root.get("reason").asText());
        assertEquals(EngineHarness.START.plus(Duration.ofSeconds(10)).toString(), root.get("time").asText());
        assertEquals(150.0, root.get("value").asDouble());
        assertEquals(55.0, root.get("average").asDouble());
        JsonNode config = root.get("config");
        assertEquals("100.0", config.get("abs").asText());
        assertEquals("1.0", config.get("min").asText());
        assertEquals("PT1M", config.get("cooldown").asText());
        assertEquals("2", config.get("warmup").asText());
        assertEquals("5", config.get("window").asText());
        assertEquals("[THREADS]", config.get("dumps").asText());
        assertEquals("shop", root.get("labels").get("app").asText());

        JsonNode threads = series(root, "jvmthreads");
        assertEquals("threads", threads.get("unit").asText());
        List<Double> values = new ArrayList<>();
        threads.get("samples").forEach(s -> {
            values.add(s.get("value").asDouble());
            assertEquals("JVM", s.get("source").asText());
        });
        assertEquals(List.of(50.0, 60.0, 150.0), values);
        assertEquals(EngineHarness.START.toString(), threads.get("samples").get(0).get("time").asText());
        assertEquals("CGROUP_V1", series(root, "osthreads").get("samples").get(0).get("source").asText());
        JsonNode mem = series(root, "memorypercent");
        assertEquals(25.0, mem.get("samples").get(0).get("value").asDouble());
        assertEquals("JVM_APPROXIMATION", mem.get("samples").get(0).get("source").asText());
    }

    private static JsonNode series(JsonNode root, String metric) {
        for (JsonNode s : root.get("metrics")) {
            if (s.get("metric").asText().equals(metric)) {
                return s;
            }
        }
        throw new AssertionError("no series " + metric + " in " + root.get("metrics"));
    }
}
