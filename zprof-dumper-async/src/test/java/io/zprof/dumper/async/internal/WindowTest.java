package io.zprof.dumper.async.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.MapConfigProperties;
import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.DumpOutcome;
import io.zprof.api.port.Dumper;
import io.zprof.core.Zprof;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import jdk.jfr.FlightRecorder;
import jdk.jfr.RecordingState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pre-trigger window on the real async-profiler. */
class WindowTest {
    @TempDir
    Path dir;

    @Test
    void aSpikeThatEndedBeforeTheTriggerIsInTheWindowAndNotInThePostTriggerCapture() throws Exception {
        ZprofConfig config = Fixtures.config(dir, d -> d.window(w -> w.enabled(true).maxAge(Duration.ofSeconds(8))
                .samplePeriod(Duration.ofMillis(20))));
        Fixtures.Output out = new Fixtures.Output(dir);
        try (Dumper dumper = new AsyncDumperProvider().create(Fixtures.context(config))) {
            Workloads.background("async-test-spike", () -> Workloads.spikeBeforeTheTrigger(1500)).join();
            // the trigger fires now: the post-trigger capture starts after the spike is over
            assertFalse(dumper.dump(Fixtures.request(DumpKind.CPU, Duration.ofSeconds(1), out)).skipped());
            DumpOutcome window = dumper.dump(Fixtures.request(DumpKind.WINDOW, null, out));
            assertFalse(window.skipped(), window.detail());
        }
        Path window = out.require("window", "jfr");
        Map<String, Long> before = Profiles.methodsOnStacks(window, "jdk.ExecutionSample");
        assertTrue(before.containsKey("spikeBeforeTheTrigger"), "the window holds the spike: " + before);
        assertFalse(Profiles.methodsOnStacks(out.require("cpu", "jfr"), "jdk.ExecutionSample")
                .containsKey("spikeBeforeTheTrigger"), "the post-trigger capture cannot have seen it");
        assertEquals(Set.of("20000000", "10000000"), Profiles.settings(window, "jdk.ExecutionSample", "interval"),
                "the window samples at zprof.dump.window.sampleperiod, and the capture it yielded to at"
                        + " zprof.dump.sampleperiod joins it");
    }

    @Test
    void noAsyncWindowRunsWhenTheJfrDumperIsPinnedForItAndNoJfrWindowWhenAsyncServesIt() throws Exception {
        Map<String, String> props = Map.of("zprof.dump.path", dir.toString(), "zprof.dump.window.enabled", "true",
                "zprof.dumper.window", "jfr");
        try (Zprof zprof = Zprof.builder().properties(new MapConfigProperties("", props)).manualSampling().build()) {
            zprof.start();
            assertFalse(ProfilerEngine.shared().running(), "no async-profiler session: jfr serves the window");
            assertTrue(jfrWindowRuns(), "the JFR window runs");
        }
        Map<String, String> asyncWindow = Map.of("zprof.dump.path", dir.toString(), "zprof.dump.window.enabled", "true");
        try (Zprof zprof = Zprof.builder().properties(new MapConfigProperties("", asyncWindow)).manualSampling().build()) {
            zprof.start();
            assertTrue(ProfilerEngine.shared().running(), "the async window runs");
            assertFalse(jfrWindowRuns(), "the jfr dumper, serving threadcreate only, starts no JFR window");
        }
    }

    private static boolean jfrWindowRuns() {
        return FlightRecorder.getFlightRecorder().getRecordings().stream()
                .anyMatch(r -> r.getName().startsWith("zprof-window") && r.getState() == RecordingState.RUNNING);
    }
}
