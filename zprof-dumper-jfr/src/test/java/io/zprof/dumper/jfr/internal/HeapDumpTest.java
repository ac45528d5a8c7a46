package io.zprof.dumper.jfr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.model.DumpKind;
import io.zprof.api.model.DumpOutcome;
import io.zprof.api.port.Dumper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real heap dumps and histograms, parsed back. */
class HeapDumpTest {
    /** A class only this test instantiates, so its count in the dump is exactly known. */
    static final class ZprofHeapMarker {
        final long value;

        ZprofHeapMarker(long value) {
            this.value = value;
        }
    }

    private static final List<ZprofHeapMarker> LIVE = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void dropMarkers() {
        LIVE.clear();
    }

    private static void keep(int n) {
        for (int i = 0; i < n; i++) {
            LIVE.add(new ZprofHeapMarker(i));
        }
    }

    private Dumper dumper(double diskFactor, long maxHeap) {
        return new HotspotDumperProvider().create(Fixtures.context(Fixtures.config(dir,
                d -> d.heapDiskFactor(diskFactor).heapMaxBytes(maxHeap))));
    }

    @Test
    void heapDumpIsAValidHprofWithTheExactInstanceCountAndTheHistogramAgrees() throws Exception {
        keep(1234);
        TempDirOutput out = new TempDirOutput(dir);
        try (Dumper dumper = dumper(1.2, 0)) {
            DumpOutcome outcome = dumper.dump(Fixtures.request(DumpKind.HEAP, null, out));
            assertFalse(outcome.skipped(), outcome.detail());
        }
        HprofReader hprof = HprofReader.read(out.require("heap", "hprof"));
        assertEquals("JAVA PROFILE 1.0.2", hprof.header);
        assertTrue(hprof.dumpedClassCount() > 100);
        assertEquals(1234, hprof.instancesOf(ZprofHeapMarker.class.getName()));
        assertEquals(1234, histogramInstances(Files.readString(out.require("histogram", "txt"))));
    }

    @Test
    void aSecondCaptureDiffsAgainstTheFirstHistogram() throws Exception {
        keep(1000);
        TempDirOutput first = new TempDirOutput(dir);
        TempDirOutput second = new TempDirOutput(dir);
        DumpOutcome outcome;
        try (Dumper dumper = dumper(1.2, 0)) {
            dumper.dump(Fixtures.request(DumpKind.HEAP, null, false, true, List.of(), first));
            keep(5000);
            Path base = TempDirOutput.seal(first.require("histogram", "txt"), "histogram", "txt", "41");
            outcome = dumper.dump(Fixtures.request(DumpKind.HEAP, null, false, true, List.of(base), second));
        }
        assertTrue(outcome.detail().contains("binary dumps are off"), outcome.detail());
        assertTrue(second.file("heap", "hprof").isEmpty());
        String diff = Files.readString(second.require("heapdiff", "txt"));
        String byInstances = diff.substring(diff.indexOf("classes by growth in instances"));
        Matcher row = Pattern.compile("\\s+(\\S+)\\s+(\\S+ \\S+)\\s+\\+(\\d+)\\s+(\\d+)\\s+" 
                + Pattern.quote(ZprofHeapMarker.class.getName()) + "\n").matcher(byInstances);
        assertTrue(row.find(), diff);
        assertEquals(5000, Long.parseLong(row.group(3)), diff);
        assertEquals(6000, Long.parseLong(row.group(4)), diff);
    }

    @Test
    void notEnoughFreeDiskSkipsTheHprofButStillWritesTheHistogram() throws Exception {
        TempDirOutput out = new TempDirOutput(dir);
        DumpOutcome outcome;
        try (Dumper dumper = dumper(1e12, 0)) {
            outcome = dumper.dump(Fixtures.request(DumpKind.HEAP, null, out));
        }
        assertTrue(outcome.skipped());
        assertTrue(outcome.detail().startsWith("free disk ") && outcome.detail().contains("zprof.dump.heap.diskfactor"),
                outcome.detail());
        assertTrue(out.file("heap", "hprof").isEmpty());
        out.require("histogram", "txt");
    }

    @Test
    void aHeapOverTheCapIsNotDumped() throws Exception {
        TempDirOutput out = new TempDirOutput(dir);
        DumpOutcome outcome;
        try (Dumper dumper = dumper(1.2, 1)) {
            outcome = dumper.dump(Fixtures.request(DumpKind.HEAP, null, out));
        }
        assertTrue(outcome.skipped());
        assertTrue(outcome.detail().contains("zprof.dump.heap.maxheap"), outcome.detail());
        assertTrue(out.file("heap", "hprof").isEmpty());
        out.require("histogram", "txt");
    }

    @Test
    void aHeapLargerThanTheRetentionBudgetIsNotDumped() throws Exception {
        keep(20_000);
        TempDirOutput out = new TempDirOutput(dir);
        DumpOutcome outcome;
        try (Dumper dumper = new HotspotDumperProvider().create(Fixtures.context(Fixtures.config(dir,
                d -> d.maxBytes(1024 * 1024))))) {
            outcome = dumper.dump(Fixtures.request(DumpKind.HEAP, null, out));
        }
        assertTrue(outcome.skipped());
        assertTrue(outcome.detail().contains("zprof.dump.maxbytes"), outcome.detail());
        assertTrue(out.file("heap", "hprof").isEmpty());
        out.require("histogram", "txt");
    }

    private static long histogramInstances(String histogram) {
        ClassHistogram.Row row = ClassHistogram.parse(histogram).get(ZprofHeapMarker.class.getName());
        return row == null ? 0 : row.instances();
    }
}
