package io.zprof.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A retained-allocation leak in a child JVM ({@code -Xmx256m}): the GC-heap rule fires past 30 % of the heap and
 * captures twice, at successive GCs: two HPROF heap dumps, two class histograms naming the leaking class, and a
 * diff in the second capture showing it grew. With GC notifications (production) and with forced-GC polling.
 */
class GcHeapScenarioTest {
    private static final String RETAINED = "io.zprof.it.scenario.ScenarioRetained";
    /** A diff row: +bytes, bytes now, +instances, instances now, class. */
    private static final Pattern DIFF_ROW = Pattern.compile(
            "^\\s*\\+\\S+ \\S+\\s+\\S+ \\S+\\s+\\+(\\d+)\\s+(\\d+)\\s+" + Pattern.quote(RETAINED) + "$", Pattern.MULTILINE);

    @TempDir
    Path work;

    @Test
    void aRetainedLeakYieldsTwoHeapCapturesAndTheirDiffWithGcNotifications() throws Exception {
        ChildJvm.Result run = ChildJvm.run("gcheap", work);
        checkTwoCapturesAndDiff(run);
        TimeToEvidence.report(run.measure("gcheap"));
    }

    @Test
    void aRetainedLeakYieldsTwoHeapCapturesAndTheirDiffWithForcedGcPolling() throws Exception {
        ChildJvm.Result run = ChildJvm.run("gcheap-poll", work);
        checkTwoCapturesAndDiff(run);
        TimeToEvidence.report(run.measure("gcheap"));
    }

    private static void checkTwoCapturesAndDiff(ChildJvm.Result run) throws IOException {
        List<ChildEvent> heap = run.of("gcheap");
        assertEquals(2, heap.size(), "two captures of one series: " + run.events());
        ChildEvent first = heap.get(0);
        ChildEvent second = heap.get(1);
        assertTrue(first.reason().startsWith("fired: heap after GC ") && first.reason().contains("> ratio 30.0%"),
                first.reason());
        assertTrue(first.value() > 30, "fired above the ratio: " + first.value() + " %");
        assertTrue(second.reason().startsWith("fired: capture 2/2 at the next GC"), second.reason());
        for (ChildEvent e : heap) {
            assertEquals("TRIGGER", e.type());
            assertNull(e.error(), "every capture worked: " + e);
            assertHprof(e.artifact("heap", "hprof"));
            assertTrue(Files.readString(e.artifact("histogram", "txt")).contains(RETAINED), "the histogram names the leak");
            Evidence.checkTimeline(e);
        }
        assertFalse(first.has("heapdiff", "txt"), "nothing to diff against in the first capture");
        String diff = Files.readString(second.artifact("heapdiff", "txt"));
        Matcher row = DIFF_ROW.matcher(diff);
        assertTrue(row.find(), "the diff lists the leaking class as grown:\n" + diff);
        assertTrue(Long.parseLong(row.group(1)) > 0, "more instances than at the first capture: " + row.group());
        Evidence.checkPrivate(run.dumpDir());
    }

    private static void assertHprof(Path hprof) throws IOException {
        byte[] expected = "JAVA PROFILE 1.0.2\0".getBytes(StandardCharsets.US_ASCII);
        byte[] header = new byte[expected.length];
        try (InputStream in = Files.newInputStream(hprof)) {
            assertEquals(expected.length, in.readNBytes(header, 0, header.length));
        }
        assertArrayEquals(expected, header, "HPROF header of " + hprof);
        assertTrue(Files.size(hprof) > 30L * 1024 * 1024, "the dump holds the retained heap: " + Files.size(hprof));
    }
}
