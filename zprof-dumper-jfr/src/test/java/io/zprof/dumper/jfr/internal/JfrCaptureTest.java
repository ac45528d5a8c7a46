package io.zprof.dumper.jfr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.model.DumpKind;
import io.zprof.api.model.DumpOutcome;
import io.zprof.api.port.Dumper;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Triggered JFR captures, parsed back with {@code jdk.jfr.consumer}. */
class JfrCaptureTest {
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);
    private static final Object MONITOR = new Object();

    @TempDir
    Path dir;

    private Dumper jfrDumper(boolean flameGraph) {
        return new JfrDumperProvider().create(Fixtures.context(Fixtures.config(dir, d -> d.flameGraph(flameGraph))));
    }

    @Test
    void cpuCaptureHasExecutionSamplesOfTheHotMethodAndATopFramesTextAndAFlameGraph() throws Exception {
        TempDirOutput out = new TempDirOutput(dir);
        DumpOutcome outcome;
        try (Dumper dumper = jfrDumper(true);
             var burn = new Workloads.Loop("zprof-test-burner", () -> Workloads.burnCpuInZprofTest(50))) {
            outcome = dumper.dump(Fixtures.request(DumpKind.CPU, ONE_SECOND, out));
        }
        assertFalse(outcome.skipped(), outcome.detail());
        Path jfr = out.require("cpu", "jfr");
        Map<String, Integer> counts = JfrFiles.countsByType(jfr);
        assertTrue(counts.getOrDefault("jdk.ExecutionSample", 0) > 10, counts::toString);
        assertTrue(JfrFiles.allStackedOn(jfr, "jdk.ExecutionSample", "zprof-test-burner"));
        assertTrue(JfrFiles.methodsOnStacks(jfr, "jdk.ExecutionSample").contains("burnCpuInZprofTest"));

        String text = Files.readString(out.require("cpu", "txt"));
        String selfTable = text.substring(text.indexOf("methods by self"), text.indexOf("methods by total"));
        String totalTable = text.substring(text.indexOf("methods by total"));
        assertTrue(selfTable.contains("Workloads.spin"), "the burn's innermost method is hot by self:\n" + text);
        assertTrue(totalTable.contains("Workloads.burnCpuInZprofTest"), "its caller by total:\n" + text);
        assertTrue(text.contains("zprof-test-burner"), "thread table names the burning thread:\n" + text);

        String html = Files.readString(out.require("flamegraph-cpu", "html"));
        assertTrue(html.contains("burnCpuInZprofTest"), "flame graph shows the hot method");
    }

    @Test
    void textOnlyLeavesNoJfrFileAndBinaryOnlyNoText() throws Exception {
        TempDirOutput textOnly = new TempDirOutput(dir);
        TempDirOutput binaryOnly = new TempDirOutput(dir);
        try (Dumper dumper = jfrDumper(false);
             var burn = new Workloads.Loop("zprof-test-burner", () -> Workloads.burnCpuInZprofTest(50))) {
            dumper.dump(Fixtures.request(DumpKind.CPU, ONE_SECOND, false, true, List.of(), textOnly));
            dumper.dump(Fixtures.request(DumpKind.CPU, ONE_SECOND, true, false, List.of(), binaryOnly));
        }
        assertEquals(List.of("txt"), textOnly.written().stream().map(TempDirOutput.Requested::extension).toList());
        assertTrue(Files.readString(textOnly.require("cpu", "txt")).contains("burnCpuInZprofTest"));
        assertEquals(List.of("jfr"), binaryOnly.written().stream().map(TempDirOutput.Requested::extension).toList());
    }

    @Test
    void withoutTheConverterJarTheCaptureSaysWhyThereIsNoFlameGraph() throws Exception {
        FlameGraphs missing = FlameGraphs.load(new URLClassLoader(new URL[0], null));
        assertTrue(missing.unavailableReason().orElseThrow().contains(FlameGraphs.ARTIFACT));
        TempDirOutput out = new TempDirOutput(dir);
        DumpOutcome outcome;
        try (Dumper dumper = new JfrDumper(Fixtures.config(dir, d -> d.flameGraph(true)).dump(),
                Fixtures.config(dir, d -> d).profiling(), new ThreadDumps(), missing)) {
            outcome = dumper.dump(Fixtures.request(DumpKind.CPU, ONE_SECOND, out));
        }
        assertFalse(outcome.skipped());
        assertTrue(outcome.detail().contains(FlameGraphs.ARTIFACT), outcome.detail());
        assertTrue(out.file("flamegraph-cpu", "html").isEmpty());
        out.require("cpu", "jfr");
    }

    @Test
    void allocCaptureWeighsAllocationSamplesByBytes() throws Exception {
        TempDirOutput out = new TempDirOutput(dir);
        try (Dumper dumper = jfrDumper(true);
             var alloc = new Workloads.Loop("zprof-test-allocator", () -> Workloads.allocateInZprofTest(50))) {
            assertFalse(dumper.dump(Fixtures.request(DumpKind.ALLOC, ONE_SECOND, out)).skipped());
        }
        Path jfr = out.require("alloc", "jfr");
        assertTrue(JfrFiles.countsByType(jfr).getOrDefault("jdk.ObjectAllocationSample", 0) > 0);
        assertTrue(JfrFiles.allStackedOn(jfr, "jdk.ObjectAllocationSample", "zprof-test-allocator"));
        assertTrue(JfrFiles.methodsOnStacks(jfr, "jdk.ObjectAllocationSample").contains("allocateInZprofTest"));
        String text = Files.readString(out.require("alloc", "txt"));
        assertTrue(text.contains("Workloads.allocateInZprofTest"), text);
        assertTrue(text.contains("byte[]"), "allocated classes table:\n" + text);
        // the converter compresses frame names in its HTML; its title shows it ran on this recording with --alloc
        assertTrue(Files.readString(out.require("flamegraph-alloc", "html")).contains("zprof alloc"));
    }

    @Test
    void lockCaptureHasParkAndContendedMonitorEventsWithStacks() throws Exception {
        TempDirOutput out = new TempDirOutput(dir);
        try (Dumper dumper = jfrDumper(false);
             var park = new Workloads.Loop("zprof-test-parker", () -> Workloads.parkRepeatedlyInZprofTest(100));
             var holder = new Workloads.Loop("zprof-test-holder", JfrCaptureTest::holdMonitorInZprofTest);
             var waiter = new Workloads.Loop("zprof-test-waiter", JfrCaptureTest::enterContendedMonitorInZprofTest)) {
            assertFalse(dumper.dump(Fixtures.request(DumpKind.LOCK, ONE_SECOND, out)).skipped());
        }
        Path jfr = out.require("lock", "jfr");
        assertTrue(JfrFiles.methodsOnStacks(jfr, "jdk.ThreadPark").contains("parkRepeatedlyInZprofTest"));
        assertTrue(JfrFiles.methodsOnStacks(jfr, "jdk.JavaMonitorEnter").contains("enterContendedMonitorInZprofTest"));
        String text = Files.readString(out.require("lock", "txt"));
        assertTrue(text.contains("JfrCaptureTest.enterContendedMonitorInZprofTest"), text);
        assertTrue(text.contains("java.lang.Object"), "lock classes table:\n" + text);
    }

    @Test
    void threadCreateCaptureFindsTheCreatingStackAndAddsAThreadDump() throws Exception {
        TempDirOutput out = new TempDirOutput(dir);
        try (Dumper dumper = jfrDumper(false);
             var starter = new Workloads.Loop("zprof-test-starter", Workloads::startThreadInZprofTest)) {
            assertFalse(dumper.dump(Fixtures.request(DumpKind.THREADCREATE, ONE_SECOND, out)).skipped());
        }
        Path jfr = out.require("threadcreate", "jfr");
        assertTrue(JfrFiles.methodsOnStacks(jfr, "jdk.ThreadStart").contains("startThreadInZprofTest"));
        String text = Files.readString(out.require("threadcreate", "txt"));
        int second = text.indexOf("\n#2:");
        String first = text.substring(text.indexOf("#1:"), second < 0 ? text.length() : second);
        assertTrue(first.contains("zprof-test-started") && first.contains("Workloads.startThreadInZprofTest"), text);
        assertTrue(Files.readString(out.require("threads", "txt")).contains("\"zprof-test-starter\""));
    }

    private static void holdMonitorInZprofTest() {
        synchronized (MONITOR) {
            Workloads.burnCpuInZprofTest(40);
        }
        // let the waiter in: a monitor released and retaken at once may never be handed over
        LockSupport.parkNanos(5_000_000L);
    }

    private static void enterContendedMonitorInZprofTest() {
        synchronized (MONITOR) {
            Workloads.sink++;
        }
    }
}
