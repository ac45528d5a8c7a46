package io.zprof.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.ArtifactRef;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.DumpOutcome;
import io.zprof.api.model.DumpRequest;
import io.zprof.api.model.Metric;
import io.zprof.api.model.ReportEvent;
import io.zprof.api.spi.CollectorProvider;
import io.zprof.api.spi.DumperProvider;
import io.zprof.core.fixtures.EngineHarness;
import io.zprof.core.fixtures.FakeDumperProvider;
import io.zprof.core.fixtures.FakeLoader;
import io.zprof.core.fixtures.Poll;
import io.zprof.core.fixtures.ScriptedCollectorProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The holder analysis through the engine ({@code zprof.dump.heapholders.*}), with stand-in dumpers: a heap capture
 * dumps twice, the pair goes to the holders dumper on a thread of its own after the event, its files are sealed and
 * the report rebuilt; a failure, a second event meanwhile and stop() are written into the event's note.
 */
class HolderAnalysisTest {
    @TempDir
    Path tmp;

    private final ScriptedCollectorProvider collector = new ScriptedCollectorProvider("scripted", 0, Metric.JVM_THREADS,
            Metric.OS_THREADS, Metric.RSS_BYTES, Metric.MEMORY_LIMIT_BYTES);
    private final FakeDumperProvider heap = new FakeDumperProvider("fakeheap", 0, DumpKind.HEAP).behaviour(r -> {
        Files.writeString(r.output().newFile("heap", "hprof"), "a heap dump of " + r.eventId());
        return DumpOutcome.done();
    });
    /** The report lists the files it was given, so a test sees what the rebuilt one read. */
    private final FakeDumperProvider report = new FakeDumperProvider("fakereport", 0, DumpKind.REPORT).behaviour(r -> {
        Files.writeString(r.output().newFile("report", "html"), String.join("\n",
                r.related().stream().map(p -> p.getFileName().toString()).toList()));
        return DumpOutcome.done();
    });
    private final FakeDumperProvider holders = new FakeDumperProvider("fakeholders", 0, DumpKind.HOLDERS);
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

    private void start(boolean on) {
        ZprofConfig cfg = EngineHarness.config(dumps())
                .threads(r -> r.enabled(true).min(1).abs(100).diff(0).max(0).cooldown(Duration.ZERO).dumps(DumpKind.HEAP))
                .dump(d -> d.heapHolders(x -> x.enabled(on).interval(Duration.ofMillis(1)))).build();
        h = new EngineHarness(cfg, new FakeLoader().with(CollectorProvider.class, collector)
                .with(DumperProvider.class, heap, report, holders));
        h.start();
        collector.set(Metric.JVM_THREADS, 150);
    }

    private ReportEvent fire() {
        h.cycle();
        return h.nextEvent();
    }

    private static DumpOutcome writeResult(DumpRequest r) throws IOException {
        Files.writeString(r.output().newFile("holders", "txt"), "held by Leak.CACHE");
        Files.writeString(r.output().newFile("holders", "json"), "{}");
        return DumpOutcome.done();
    }

    /** @return the event's file of that type and extension, named like its timeline */
    private static Path file(ReportEvent e, String type, String ext) {
        Path timeline = e.artifacts().stream().map(ArtifactRef::path)
                .filter(p -> p.getFileName().toString().startsWith("timeline_")).findFirst().orElseThrow();
        return timeline.resolveSibling(timeline.getFileName().toString().replace("timeline_", type + "_")
                .replace(".json", "." + ext));
    }

    @Test
    void aHeapCaptureDumpsTwiceAndThePairIsAnalysedAfterTheEventThenTheReportIsRebuilt() throws Exception {
        holders.behaviour(HolderAnalysisTest::writeResult);
        start(true);
        ReportEvent e = fire();

        List<Path> hprofs = e.artifacts().stream().map(ArtifactRef::path)
                .filter(p -> p.toString().endsWith(".hprof")).toList();
        assertEquals(2, hprofs.size(), "two heap dumps: " + e.artifacts());
        assertTrue(heap.requests().get(1).related().containsAll(List.of(hprofs.get(0))),
                "the second dump's request holds the first's files, for its histogram diff");
        Path note = file(e, "holders", "txt");
        Path json = note.resolveSibling(note.getFileName().toString().replace(".txt", ".json"));
        Poll.until("the analysis wrote its result", () -> Files.exists(json));
        Poll.until("the analysis was counted", () -> count("captures.holders") == 1);

        assertEquals(hprofs, holders.requests().get(0).related(), "older, then newer");
        assertEquals("held by Leak.CACHE", Files.readString(note), "the result replaced the note");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(json)));
        Path rebuilt = file(e, "report", "html");
        Poll.until("the report was rebuilt", () -> read(rebuilt).contains(json.getFileName().toString()));
        assertEquals(1, files("report_"), "the report was replaced, not written a second time");
        assertTrue(names().stream().noneMatch(n -> n.startsWith(".zprof-tmp-")), names().toString());
    }

    @Test
    void theEventCarriesTheNoteThatTheAnalysisRuns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        holders.behaviour(r -> {
            FakeDumperProvider.await(release, Duration.ofSeconds(30));
            return writeResult(r);
        });
        start(true);
        ReportEvent e = fire();
        String note = Files.readString(file(e, "holders", "txt"));
        assertTrue(note.contains("holder analysis running since ") && note.contains("in a child JVM (-Xmx 1.00 GiB")
                && note.contains("this report is rebuilt when it ends"), note);
        assertTrue(read(file(e, "report", "html")).contains(file(e, "holders", "txt").getFileName().toString()),
                "the first report shows the note");

        ReportEvent second = fire();
        assertTrue(Files.readString(file(second, "holders", "txt")).contains("another one is running (one at a time)"));
        release.countDown();
        Poll.until("the first analysis ended", () -> count("captures.holders") == 1);
        assertEquals(1, holders.requests().size(), "the second event was not analysed");
    }

    @Test
    void aFailedAnalysisIsCountedAndWrittenIntoTheNoteAndTheReport() throws Exception {
        holders.behaviour(r -> {
            throw new IOException("the child JVM ran out of memory with -Xmx 1.0 GiB (zprof.dump.heapholders.maxheap)");
        });
        start(true);
        ReportEvent e = fire();
        Path note = file(e, "holders", "txt");
        Poll.until("the failure was counted", () -> count("captureFailures.holders") == 1);
        Poll.until("the note says why", () -> read(note).contains("holder analysis failed: the child JVM ran out of memory"));
        assertEquals(2, files("heap_"), "the heap dumps are kept");
        assertTrue(h.status().running(), "nothing was thrown at the engine");
    }

    @Test
    void stopInterruptsARunningAnalysisAndTheNoteSaysSo() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        holders.behaviour(r -> {
            entered.countDown();
            FakeDumperProvider.await(new CountDownLatch(1), Duration.ofMinutes(5));
            return writeResult(r);
        });
        start(true);
        ReportEvent e = fire();
        assertTrue(entered.await(10, java.util.concurrent.TimeUnit.SECONDS));
        h.close();
        h = null;
        assertTrue(Files.readString(file(e, "holders", "txt")).contains("holder analysis failed: stopped before it ended"),
                Files.readString(file(e, "holders", "txt")));
    }

    @Test
    void offByDefaultOneHeapDumpAndNoAnalysis() throws Exception {
        holders.behaviour(HolderAnalysisTest::writeResult);
        start(false);
        ReportEvent e = fire();
        assertEquals(1, e.artifacts().stream().filter(a -> a.name().endsWith(".hprof")).count(), e.artifacts().toString());
        assertEquals(0, files("holders_"));
        assertTrue(holders.requests().isEmpty());
    }

    @Test
    void aGcHeapSeriesPairsItsOwnCapturesInsteadOfDumpingTwice() {
        ZprofConfig on = EngineHarness.config(dumps()).dump(d -> d.heapHolders(x -> x.enabled(true)))
                .gcHeap(g -> g.enabled(true).dumpCount(2)).build();
        Generation g = new Generation(1, on, io.zprof.api.config.ConfigProperties.empty(), null);
        MetricHistory history = new MetricHistory(10);
        ArtifactRef first = new ArtifactRef("heap_1.hprof", "heap", dumps().resolve("heap_1.hprof"), 1);
        CaptureJob one = CaptureJob.forGcSeries(g, "1", 1, 1, 0.9, "ratio", List.of(), 0, history, null);
        assertFalse(HolderAnalysis.wantsSecondDump(one, DumpKind.HEAP, List.of(first)), "its second capture comes");
        assertTrue(HolderAnalysis.pair(one, List.of(first)).isEmpty());

        ArtifactRef second = new ArtifactRef("heap_2.hprof", "heap", dumps().resolve("heap_2.hprof"), 1);
        CaptureJob two = CaptureJob.forGcSeries(g, "2", 1, 2, 0.9, "ratio", List.of(first.path()), 0, history, null);
        assertFalse(HolderAnalysis.wantsSecondDump(two, DumpKind.HEAP, List.of(second)));
        assertEquals(List.of(first.path(), second.path()), HolderAnalysis.pair(two, List.of(second)).orElseThrow());

        Generation single = new Generation(2, on.toBuilder().gcHeap(c -> c.dumpCount(1)).build(),
                io.zprof.api.config.ConfigProperties.empty(), null);
        CaptureJob alone = CaptureJob.forGcSeries(single, "3", 3, 1, 0.9, "ratio", List.of(), 0, history, null);
        assertTrue(HolderAnalysis.wantsSecondDump(alone, DumpKind.HEAP, List.of(first)), "a series of one dumps twice");
    }

    private long count(String counter) {
        return h.status().counters().getOrDefault(counter, 0L);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }

    private long files(String prefix) throws IOException {
        return names().stream().filter(n -> n.startsWith(prefix)).count();
    }

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dumps())) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
