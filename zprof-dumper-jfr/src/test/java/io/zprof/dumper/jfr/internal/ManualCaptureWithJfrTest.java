package io.zprof.dumper.jfr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.model.ArtifactRef;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.ReportEvent;
import io.zprof.core.Zprof;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Zprof#capture} with the real JFR and HotSpot dumpers: the bundle a support engineer asks for. */
class ManualCaptureWithJfrTest {
    @TempDir
    Path tmp;

    @Test
    void aCaptureOnDemandWritesTheWindowTheThreadDumpAndACpuRecordingOfWhatRunsNow() throws Exception {
        try (Zprof zprof = Zprof.builder().properties(ConfigProperties.of(Map.of("zprof.interval", "1h",
                "zprof.dump.path", tmp.toString(), "zprof.dump.cpuduration", "1s",
                "zprof.dump.window.enabled", "true", "zprof.dump.window.sampleperiod", "20ms"))).manualSampling().build();
             Workloads.Loop burner = new Workloads.Loop("zprof-test-burner", () -> Workloads.burnCpuInZprofTest(50))) {
            zprof.start();
            ReportEvent e = zprof.capture(Set.of(DumpKind.THREADS, DumpKind.CPU), "checkout is slow (ticket 7)")
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertEquals("manual", e.rule());
            assertEquals("checkout is slow (ticket 7)", e.reason());
            assertNull(e.error());
            Path cpu = artifact(e, "cpu", ".jfr");
            Path window = artifact(e, "window", ".jfr");
            Path threads = artifact(e, "threads", ".txt");
            assertTrue(JfrFiles.methodsOnStacks(cpu, "jdk.ExecutionSample").contains("burnCpuInZprofTest"),
                    "the CPU recording ran after the call and saw the burner");
            assertTrue(JfrFiles.methodsOnStacks(window, "jdk.ExecutionSample").contains("burnCpuInZprofTest"),
                    "the window holds what ran before the dumps");
            assertTrue(Files.readString(threads).contains("zprof-test-burner"));
            assertTrue(Files.readString(artifact(e, "timeline", ".json")).contains("checkout is slow (ticket 7)"));
            assertEquals(e, zprof.status().recentEvents().get(zprof.status().recentEvents().size() - 1));
        }
    }

    private static Path artifact(ReportEvent e, String kind, String suffix) {
        return e.artifacts().stream().filter(a -> a.kind().equals(kind) && a.name().endsWith(suffix))
                .map(ArtifactRef::path).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + suffix + " in " + e.artifacts()));
    }
}
