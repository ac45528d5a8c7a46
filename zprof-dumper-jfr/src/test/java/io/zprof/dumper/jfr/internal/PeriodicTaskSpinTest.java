package io.zprof.dumper.jfr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zprof.testsupport.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JDK-8302821: on JDKs before 21, JFR's periodic task thread naps its 10 ms minimum forever once the last recording
 * stops. A child JVM on this test's JDK runs every recording zprof starts and ends; after each phase the thread
 * must nap about once a second, as it does while a recording runs. A control child reproduces the bug without
 * zprof and must show the spin exactly on the JDKs {@link PeriodicTaskGuard#needed()} names, which proves the
 * measurement sees it. Thresholds count naps, not CPU, so a loaded machine does not move them: a spinning thread
 * naps ~100 times a second, a waiting one ~1.
 */
class PeriodicTaskSpinTest {
    /** Naps per second above which the thread spins; 10 times the waiting rate, a fifth of the spinning one. */
    private static final double SPINNING_NAPS_PER_SECOND = 20;
    private static final Pattern PHASE = Pattern.compile("PHASE (\\w+) wakeups=(\\d+) cpuMicros=(\\d+)");

    @TempDir
    Path dir;

    @Test
    void noRecordingZprofStartsAndEndsLeavesThePeriodicThreadSpinning() throws Exception {
        assumeLinux();
        Map<String, long[]> phases = runChild("zprof", dir.resolve("dumps").toString());
        assertEquals(List.of("captures", "update", "stop"), new ArrayList<>(phases.keySet()));
        phases.forEach((phase, usage) -> assertTrue(napsPerSecond(usage) < SPINNING_NAPS_PER_SECOND,
                () -> "after " + phase + " JFR's periodic thread " + describe(usage)));
    }

    @Test
    void theControlShowsTheSpinExactlyOnTheJdksTheGuardIsFor() throws Exception {
        assumeLinux();
        long[] usage = runChild("control").get("control");
        boolean spins = napsPerSecond(usage) >= SPINNING_NAPS_PER_SECOND;
        assertEquals(PeriodicTaskGuard.needed(), spins, () -> "Java " + Runtime.version() + ": without zprof,"
                + " after a recording was closed, JFR's periodic thread " + describe(usage)
                + "; PeriodicTaskGuard.needed() says " + PeriodicTaskGuard.needed()
                + " (if this JDK has the fix of JDK-8302821, the version rule in PeriodicTaskGuard is out of date)");
    }

    private static String describe(long[] usage) {
        return String.format(Locale.ROOT, "napped %.1f times a second and used %.1f ms of CPU a second",
                napsPerSecond(usage), usage[1] / 1000.0 / PeriodicTaskThread.MEASURED.toSeconds());
    }

    private static double napsPerSecond(long[] usage) {
        return (double) usage[0] / PeriodicTaskThread.MEASURED.toSeconds();
    }

    private static void assumeLinux() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")),
                "SKIPPED LOUDLY: JFR's periodic thread is read from /proc/self/task, which this OS lacks");
    }

    private Map<String, long[]> runChild(String... args) throws IOException, InterruptedException {
        String output = ChildJvm.run(dir, List.of(), PeriodicTaskSpinChild.class, List.of(args), Map.of());
        Map<String, long[]> phases = new LinkedHashMap<>();
        Matcher m = PHASE.matcher(output);
        while (m.find()) {
            phases.put(m.group(1), new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(3))});
        }
        return phases;
    }
}
