package io.zprof.dumper.async.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.DumpOutcome;
import io.zprof.api.port.Dumper;
import io.zprof.api.spi.ProviderContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The text summaries of async-profiler captures, written by the code the {@code jfr} dumper uses
 * ({@code zprof-support-jfr}'s ProfileSummary), from real captures: top frames and the tables of each kind.
 */
class TextSummaryTest {

    @TempDir
    Path dir;
    @RegisterExtension
    final Workers workers = new Workers();

    @Test
    void everyCaptureAndTheWindowGetTheSummaryOfTheirKind() throws Exception {
        ThreadGroup zprofGroup = new ThreadGroup(ProviderContext.THREAD_GROUP);
        workers.start(Workloads.inGroup(zprofGroup, "zprof-test-summary-burner",
                () -> Workloads.burnUntil(workers.stop())));
        workers.start("async-summary-burner", Workloads::burnUntil);
        workers.start("async-summary-allocator", Workloads::allocateUntil);
        workers.start("async-summary-holder", Workloads::holdTheMonitorUntil);
        workers.start("async-summary-contender", Workloads::holdTheMonitorUntil);
        ZprofConfig config = Fixtures.config(dir, d -> d.text(true).window(w -> w.enabled(true)));
        Fixtures.Output out = new Fixtures.Output(dir);
        try (Dumper dumper = new AsyncDumperProvider().create(Fixtures.context(config))) {
            for (DumpKind kind : List.of(DumpKind.CPU, AsyncDumperProvider.WALL, DumpKind.ALLOC, DumpKind.LOCK,
                    DumpKind.WINDOW)) {
                DumpOutcome o = dumper.dump(Fixtures.request(kind, Duration.ofSeconds(1), out, true, true));
                assertFalse(o.skipped(), o.detail());
            }
        }
        String cpu = Files.readString(out.require("cpu", "txt"));
        assertTrue(cpu.startsWith("zprof cpu profile (jdk.ExecutionSample)"), cpu);
        assertTrue(topRow(cpu, "methods by self samples").endsWith("Workloads.burnCpuInAsyncTest"), cpu);
        assertTrue(cpu.contains("async-summary-burner"), "the threads table");
        assertFalse(cpu.contains("zprof-test-summary-burner"), "zprof's threads are left out on every JDK: " + cpu);

        String wall = Files.readString(out.require("wall", "txt"));
        assertTrue(wall.startsWith("zprof wall-clock profile (profiler.WallClockSample)"), wall);
        assertTrue(wall.contains("holdTheMonitorUntil") && wall.contains("thread states"), wall);

        String alloc = Files.readString(out.require("alloc", "txt"));
        assertTrue(alloc.startsWith("zprof allocation profile ("), alloc);
        assertTrue(topRow(alloc, "allocated classes").endsWith("byte[]"), alloc);
        assertTrue(alloc.contains("allocateUntil"), alloc);
        assertTrue(alloc.lines().skip(1).findFirst().orElseThrow().matches("\\d+ events, [0-9.]+ [KMG]iB allocated, .*"),
                "each sample weighs the TLAB it opened (or the object outside one): " + alloc);

        String lock = Files.readString(out.require("lock", "txt"));
        assertTrue(lock.startsWith("zprof lock profile (jdk.JavaMonitorEnter, jdk.ThreadPark)"), lock);
        assertTrue(topRow(lock, "lock classes").endsWith("java.lang.Object"), lock);

        String window = Files.readString(out.require("window", "txt"));
        assertTrue(window.startsWith("zprof pre-trigger window, cpu samples"), window);
        assertTrue(window.contains("burnCpuInAsyncTest"), window);
    }

    @Test
    void withTheTextFormOnlyTheSummaryIsKeptAndTheRecordingIsNot() throws Exception {
        workers.start("async-summary-burner", Workloads::burnUntil);
        Fixtures.Output out = new Fixtures.Output(dir);
        ZprofConfig config = Fixtures.config(dir, d -> d.binary(false).text(true));
        try (Dumper dumper = new AsyncDumperProvider().create(Fixtures.context(config))) {
            DumpOutcome o = dumper.dump(Fixtures.request(DumpKind.CPU, Duration.ofSeconds(1), out, false, true));
            assertFalse(o.skipped(), o.detail());
        }
        assertTrue(Files.readString(out.require("cpu", "txt")).contains("burnCpuInAsyncTest"));
        assertEquals(List.of(out.require("cpu", "txt")), out.written(), "only the summary is left");
    }

    /** @return the first row of the table whose heading contains the text */
    private static String topRow(String summary, String heading) {
        List<String> lines = summary.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("Top ") && lines.get(i).contains(heading)) {
                int row = lines.get(i + 1).trim().startsWith("self") ? i + 2 : i + 1;
                return lines.get(row).trim();
            }
        }
        throw new AssertionError("no table '" + heading + "' in:\n" + summary);
    }
}
