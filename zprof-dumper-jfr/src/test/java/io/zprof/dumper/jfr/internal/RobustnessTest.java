package io.zprof.dumper.jfr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.DumpOutcome;
import io.zprof.api.port.Dumper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Failures, closing, and what the dumpers leave behind. */
@Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
class RobustnessTest {
    private static final Duration SHORT = Duration.ofMillis(300);

    @TempDir
    Path dir;

    private ZprofConfig everythingOn() {
        return Fixtures.config(dir, d -> d.window(d.build().window().enabled(true))).toBuilder()
                .profiling(p -> p.enabled(true)).build();
    }

    /**
     * @return zprof's recordings by name, without the periodic-task guard: on JDK 17-20 it stays for the JVM's life by
     *         design (PeriodicTaskSpinTest covers it)
     */
    private static List<String> zprofRecordings() {
        return FlightRecorder.getFlightRecorder().getRecordings().stream().map(Recording::getName)
                .filter(n -> n.startsWith(JfrSettings.RECORDING_PREFIX) && !n.equals(PeriodicTaskGuard.NAME))
                .sorted().toList();
    }

    @Test
    void aVanishedOutputDirectoryFailsEachKindWithAnIOExceptionNamingThePath() throws Exception {
        Path gone = Files.createDirectory(dir.resolve("gone"));
        TempDirOutput out = new TempDirOutput(gone);
        Files.delete(gone);
        try (Dumper jfr = new JfrDumperProvider().create(Fixtures.context(everythingOn()));
             Dumper hotspot = new HotspotDumperProvider().create(Fixtures.context(everythingOn()))) {
            for (DumpKind kind : List.of(DumpKind.CPU, DumpKind.WINDOW, DumpKind.PROFILE_CHUNK, DumpKind.THREADCREATE)) {
                IOException e = assertThrows(IOException.class, () -> jfr.dump(Fixtures.request(kind, SHORT, out)));
                assertTrue(e.getMessage().contains(gone.toString()), kind + ": " + e.getMessage());
            }
            for (DumpKind kind : List.of(DumpKind.THREADS, DumpKind.HEAP)) {
                IOException e = assertThrows(IOException.class, () -> hotspot.dump(Fixtures.request(kind, SHORT, out)));
                assertTrue(e.getMessage().contains(gone.toString()), kind + ": " + e.getMessage());
            }
            assertEquals(List.of("zprof-profile", "zprof-window"), zprofRecordings(),
                    "failed captures leave no recording behind, and the continuous ones survive");
            Files.createDirectory(gone);
            assertFalse(jfr.dump(Fixtures.request(DumpKind.PROFILE_CHUNK, null, out)).skipped(),
                    "continuous profiling goes on after a failed chunk");
        }
    }

    @Test
    void closeIsIdempotentStopsTheContinuousRecordingsAndLaterCapturesAreSkipped() throws Exception {
        Dumper dumper = new JfrDumperProvider().create(Fixtures.context(everythingOn()));
        assertEquals(List.of("zprof-profile", "zprof-window"), zprofRecordings());
        dumper.close();
        assertEquals(List.of(), zprofRecordings());
        assertEquals(PeriodicTaskGuard.needed(), PeriodicTaskGuard.running(),
                "on JDK 17-20 the guard outlives every dumper; on later JDKs it never starts");
        dumper.close();
        DumpOutcome after = dumper.dump(Fixtures.request(DumpKind.CPU, SHORT, new TempDirOutput(dir)));
        assertTrue(after.skipped() && after.detail().contains("closed"), after.detail());
    }

    @Test
    void closeEndsACaptureInProgressAndItsRecording() throws Exception {
        Dumper dumper = new JfrDumperProvider().create(Fixtures.context(Fixtures.config(dir, d -> d)));
        AtomicReference<Object> result = new AtomicReference<>();
        Thread capture = Workloads.background("zprof-test-capture", () -> {
            try {
                result.set(dumper.dump(Fixtures.request(DumpKind.CPU, Duration.ofMinutes(10), new TempDirOutput(dir))));
            } catch (IOException | RuntimeException e) {
                result.set(e);
            }
        });
        while (!zprofRecordings().contains("zprof-cpu-42")) {
            Thread.sleep(10);
        }
        dumper.close();
        capture.join(Duration.ofSeconds(60).toMillis());
        assertFalse(capture.isAlive(), "close() must end the 10-minute recording");
        DumpOutcome outcome = (DumpOutcome) result.get();
        assertTrue(outcome.skipped() && outcome.detail().contains("closed"), outcome.detail());
        assertEquals(List.of(), zprofRecordings());
    }

    @Test
    void concurrentCapturesOfDifferentKindsDoNotInterfere() throws Exception {
        TempDirOutput cpuOut = new TempDirOutput(dir);
        TempDirOutput threadsOut = new TempDirOutput(dir);
        AtomicReference<Object> cpu = new AtomicReference<>();
        try (Dumper jfr = new JfrDumperProvider().create(Fixtures.context(everythingOn()));
             Dumper hotspot = new HotspotDumperProvider().create(Fixtures.context(everythingOn()));
             var burn = new Workloads.Loop("zprof-test-burner", () -> Workloads.burnCpuInZprofTest(50))) {
            Thread capture = Workloads.background("zprof-test-capture", () -> {
                try {
                    // long enough that the capturing thread is still alive for the thread dump below
                    cpu.set(jfr.dump(Fixtures.request(DumpKind.CPU, Duration.ofSeconds(5), cpuOut)));
                } catch (IOException e) {
                    cpu.set(e);
                }
            });
            while (!zprofRecordings().contains("zprof-cpu-42")) {
                Thread.sleep(10);
            }
            assertFalse(hotspot.dump(Fixtures.request(DumpKind.THREADS, null, threadsOut)).skipped());
            assertFalse(jfr.dump(Fixtures.request(DumpKind.WINDOW, null, threadsOut)).skipped());
            capture.join();
        }
        assertFalse(((DumpOutcome) cpu.get()).skipped());
        assertTrue(Files.readString(threadsOut.require("threads", "txt")).contains("\"zprof-test-capture\""));
        assertTrue(JfrFiles.methodsOnStacks(cpuOut.require("cpu", "jfr"), "jdk.ExecutionSample")
                .contains("burnCpuInZprofTest"));
        threadsOut.require("window", "jfr");
    }

    @Test
    void theDumpersStartNoThreadOfTheirOwnBesidesJfrs() throws Exception {
        Set<String> before = liveThreadNames();
        TempDirOutput out = new TempDirOutput(dir);
        try (Dumper jfr = new JfrDumperProvider().create(Fixtures.context(everythingOn()));
             Dumper hotspot = new HotspotDumperProvider().create(Fixtures.context(everythingOn()))) {
            jfr.dump(Fixtures.request(DumpKind.CPU, SHORT, out));
            jfr.dump(Fixtures.request(DumpKind.WINDOW, null, out));
            jfr.dump(Fixtures.request(DumpKind.PROFILE_CHUNK, null, out));
            hotspot.dump(Fixtures.request(DumpKind.THREADS, null, out));
            Set<String> during = liveThreadNames();
            during.removeAll(before);
            assertEquals(Set.of(), during.stream().filter(n -> !n.startsWith("JFR ")).collect(Collectors.toSet()));
        }
    }

    private static Set<String> liveThreadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .collect(Collectors.toSet());
    }
}
