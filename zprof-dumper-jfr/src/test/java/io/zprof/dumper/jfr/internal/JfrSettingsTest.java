package io.zprof.dumper.jfr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.model.DumpKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;

class JfrSettingsTest {
    private static List<Map<String, String>> everySetting() {
        Duration p = Duration.ofMillis(7);
        return List.of(JfrSettings.window(), JfrSettings.profiling(p), JfrSettings.capture(DumpKind.CPU, p),
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
        assertEquals("20 ms", JfrSettings.window().get("jdk.ExecutionSample#period"));
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
        try (Recording ours = new Recording(JfrSettings.window());
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
}
