package io.zprof.dumper.jfr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.DumpOutcome;
import io.zprof.api.port.Dumper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pre-trigger window and continuous-profiling chunks. */
class WindowAndProfilingTest {
    @TempDir
    Path dir;

    @Test
    void aBurnThatEndedBeforeTheTriggerIsInTheWindowAndNotInThePostTriggerCapture() throws Exception {
        ZprofConfig config = Fixtures.config(dir,
                d -> d.window(d.build().window().enabled(true).samplePeriod(Duration.ofMillis(30))));
        TempDirOutput out = new TempDirOutput(dir);
        try (Dumper dumper = new JfrDumperProvider().create(Fixtures.context(config))) {
            Thread burner = Workloads.background("zprof-test-before-trigger", () -> Workloads.burnCpuInZprofTest(1500));
            burner.join();
            // the trigger fires now: the post-trigger capture starts after the burn is over
            assertFalse(dumper.dump(Fixtures.request(DumpKind.CPU, Duration.ofSeconds(1), out)).skipped());
            DumpOutcome window = dumper.dump(Fixtures.request(DumpKind.WINDOW, null, out));
            assertFalse(window.skipped(), window.detail());
        }
        Path windowFile = out.require("window", "jfr");
        assertTrue(JfrFiles.methodsOnStacks(windowFile, "jdk.ExecutionSample").contains("burnCpuInZprofTest"),
                "the window holds the burn from before the trigger");
        assertTrue(JfrFiles.allStackedOn(windowFile, "jdk.ExecutionSample", "zprof-test-before-trigger"));
        assertFalse(JfrFiles.methodsOnStacks(out.require("cpu", "jfr"), "jdk.ExecutionSample")
                .contains("burnCpuInZprofTest"), "the post-trigger capture cannot have seen it");
        assertTrue(java.nio.file.Files.readString(out.require("window", "txt")).contains("burnCpuInZprofTest"));
        assertEquals("30 ms", JfrFiles.activePeriod(windowFile, "jdk.ExecutionSample"),
                "the window samples at zprof.dump.window.sampleperiod");
        assertEquals("30 ms", JfrFiles.activePeriod(windowFile, "jdk.NativeMethodSample"),
                "JFR's sampler thread wakes at the shorter of the two periods, so both follow the setting");
    }

    @Test
    void withoutTheWindowTheCaptureIsSkippedWithTheKeyToTurnItOn() throws Exception {
        TempDirOutput out = new TempDirOutput(dir);
        try (Dumper dumper = new JfrDumperProvider().create(Fixtures.context(Fixtures.config(dir, d -> d)))) {
            DumpOutcome outcome = dumper.dump(Fixtures.request(DumpKind.WINDOW, null, out));
            assertTrue(outcome.skipped());
            assertEquals("pre-trigger window is off (zprof.dump.window.enabled)", outcome.detail());
            DumpOutcome chunk = dumper.dump(Fixtures.request(DumpKind.PROFILE_CHUNK, null, out));
            assertTrue(chunk.skipped());
            assertTrue(chunk.detail().contains("zprof.profiling.enabled"), chunk.detail());
        }
        assertTrue(out.written().isEmpty());
    }

    @Test
    void profileChunksFollowEachOtherWithoutOverlapAndSampleAtTheConfiguredPeriod() throws Exception {
        ZprofConfig config = Fixtures.config(dir, d -> d.samplePeriod(Duration.ofMillis(5))).toBuilder()
                .profiling(p -> p.enabled(true)).build();
        TempDirOutput first = new TempDirOutput(dir);
        TempDirOutput second = new TempDirOutput(dir);
        try (Dumper dumper = new JfrDumperProvider().create(Fixtures.context(config))) {
            Workloads.background("zprof-test-chunk-1", () -> Workloads.burnCpuInZprofTest(1000)).join();
            assertFalse(dumper.dump(Fixtures.request(DumpKind.PROFILE_CHUNK, null, true, false, java.util.List.of(),
                    first)).skipped());
            Workloads.background("zprof-test-chunk-2", () -> Workloads.burnCpuLaterInZprofTest(1000)).join();
            assertFalse(dumper.dump(Fixtures.request(DumpKind.PROFILE_CHUNK, null, true, false, java.util.List.of(),
                    second)).skipped());
        }
        Set<String> one = JfrFiles.methodsOnStacks(first.require("profile", "jfr"), "jdk.ExecutionSample");
        Set<String> two = JfrFiles.methodsOnStacks(second.require("profile", "jfr"), "jdk.ExecutionSample");
        assertTrue(one.contains("burnCpuInZprofTest") && !one.contains("burnCpuLaterInZprofTest"), one::toString);
        assertTrue(two.contains("burnCpuLaterInZprofTest") && !two.contains("burnCpuInZprofTest"), two::toString);
        assertTrue(lastEventOf(first.require("profile", "jfr")).isBefore(firstEventOf(second.require("profile", "jfr"))));
        assertEquals("5 ms", JfrFiles.activePeriod(first.require("profile", "jfr"), "jdk.ExecutionSample"),
                "the chunk's execution samples run at zprof.dump.sampleperiod");
    }

    private static java.time.Instant lastEventOf(Path jfr) throws Exception {
        return JfrFiles.events(jfr).stream().filter(e -> e.getEventType().getName().equals("jdk.ExecutionSample"))
                .map(RecordedEvent::getEndTime).max(java.util.Comparator.naturalOrder()).orElseThrow();
    }

    private static java.time.Instant firstEventOf(Path jfr) throws Exception {
        return JfrFiles.events(jfr).stream().filter(e -> e.getEventType().getName().equals("jdk.ExecutionSample"))
                .map(RecordedEvent::getStartTime).min(java.util.Comparator.naturalOrder()).orElseThrow();
    }
}
