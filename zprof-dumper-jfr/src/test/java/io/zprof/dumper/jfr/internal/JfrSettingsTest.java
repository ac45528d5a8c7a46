package io.zprof.dumper.jfr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zprof.api.model.DumpKind;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JfrSettingsTest {
    private static volatile Object garbage;

    @TempDir
    Path dir;

    private static List<Map<String, String>> everySetting() {
        Duration p = Duration.ofMillis(7);
        return List.of(JfrSettings.window(p), JfrSettings.profiling(p), JfrSettings.capture(DumpKind.CPU, p),
                JfrSettings.capture(DumpKind.ALLOC, p), JfrSettings.capture(DumpKind.LOCK, p),
                JfrSettings.capture(DumpKind.THREADCREATE, p));
    }

    @Test
    void everyRecordingOfZprofHasTheSecretBearingEventsOff() {
        for (Map<String, String> s : everySetting()) {
            for (String event : List.of("jdk.InitialEnvironmentVariable", "jdk.InitialSystemProperty",
                    "jdk.JVMInformation", "jdk.OSInformation", "jdk.SystemProcess", "jdk.ProcessStart",
                    "jdk.OldObjectSample", "jdk.SocketRead", "jdk.SocketWrite", "jdk.TLSHandshake")) {
                assertEquals("false", s.get(event + "#enabled"), event);
            }
        }
    }

    @Test
    void samplingPeriodsFollowTheConfiguration() {
        assertEquals("50 ms", JfrSettings.window(Duration.ofMillis(50)).get("jdk.ExecutionSample#period"));
        assertEquals("50 ms", JfrSettings.window(Duration.ofMillis(50)).get("jdk.NativeMethodSample#period"));
        assertEquals("7 ms", JfrSettings.profiling(Duration.ofMillis(7)).get("jdk.ExecutionSample#period"));
        assertEquals("1500000 ns",
                JfrSettings.capture(DumpKind.CPU, Duration.ofNanos(1_500_000)).get("jdk.ExecutionSample#period"));
        Map<String, String> lock = JfrSettings.capture(DumpKind.LOCK, Duration.ofMillis(10));
        assertEquals("true", lock.get("jdk.ThreadPark#stackTrace"));
        assertEquals("true", JfrSettings.capture(DumpKind.THREADCREATE, Duration.ofMillis(10))
                .get("jdk.ThreadStart#stackTrace"));
    }

    @Test
    void aForeignRecordingWithSecretEventsIsReportedAndOursAreNot() {
        try (Recording ours = new Recording(JfrSettings.window(Duration.ofMillis(50)));
             Recording foreign = new Recording()) {
            ours.setName(JfrSettings.RECORDING_PREFIX + "test");
            ours.start();
            assertTrue(JfrSettings.foreignRecordingsWithSecrets().isEmpty(), JfrSettings.foreignRecordingsWithSecrets()::toString);
            foreign.setName("someone-else");
            foreign.enable("jdk.InitialEnvironmentVariable");
            foreign.start();
            List<String> found = JfrSettings.foreignRecordingsWithSecrets();
            assertEquals(1, found.size(), found::toString);
            assertTrue(found.get(0).contains("someone-else") && found.get(0).contains("jdk.InitialEnvironmentVariable"));
        }
    }

    @Test
    void theAlwaysOnRecordingsKeepEveryCollectionButNotEachGcWorkersPhases() throws Exception {
        Map<String, Integer> capture = JfrFiles.countsByType(recordYoungCollections(
                JfrSettings.capture(DumpKind.CPU, Duration.ofMillis(20)), "capture.jfr"));
        assumeTrue(capture.getOrDefault("jdk.GCPhaseParallel", 0) > 0, () -> "SKIPPED LOUDLY: this JVM's collector ("
                + ManagementFactory.getGarbageCollectorMXBeans().get(0).getName()
                + ") writes no jdk.GCPhaseParallel even in a capture, so leaving it out cannot be seen: " + capture);
        for (Map<String, String> alwaysOn : List.of(JfrSettings.window(Duration.ofMillis(50)),
                JfrSettings.profiling(Duration.ofMillis(20)))) {
            Map<String, Integer> counts = JfrFiles.countsByType(recordYoungCollections(alwaysOn, "always-on.jfr"));
            assertTrue(counts.getOrDefault("jdk.GarbageCollection", 0) > 0, counts::toString);
            assertTrue(counts.getOrDefault("jdk.GCPhasePause", 0) > 0, counts::toString);
            assertEquals(0, counts.getOrDefault("jdk.GCPhaseParallel", 0), counts::toString);
        }
    }

    /** Records with the settings until two more young collections have run, and returns the file. */
    private Path recordYoungCollections(Map<String, String> settings, String name) throws Exception {
        Path file = dir.resolve(name);
        java.nio.file.Files.deleteIfExists(file);
        try (Recording r = new Recording(settings)) {
            r.start();
            long target = collections() + 2;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (collections() < target && System.nanoTime() < deadline) {
                garbage = new byte[4096]; // escapes, so the JIT cannot remove it
            }
            assertTrue(collections() >= target, "no young collection within 20 s");
            r.stop();
            r.dump(file);
        }
        return file;
    }

    private static long collections() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }
}
