package io.zprof.benchmarks.overhead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SideBySideTest {
    private static final int PHASE_SECONDS = 4;
    private static final int RATE = 20;

    /**
     * A short run of every mode: each child is profiled by what its row says, gets the same fixed number of requests,
     * the Pyroscope agent uploads to the sink, and the table has a row per mode.
     */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void runsEveryModeSideBySideUnderTheSameLoad() throws Exception {
        List<ProfilerMode> modes = List.of(ProfilerMode.values());
        SideBySide.Settings settings = new SideBySide.Settings(PHASE_SECONDS, 1, RATE, PHASE_SECONDS, modes);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SideBySide.Result result = SideBySide.run(settings, new PrintStream(log, true, StandardCharsets.UTF_8));

        assertEquals(modes, List.copyOf(result.modes().keySet()));
        for (ProfilerMode m : modes) {
            SideBySide.ModeFigures f = result.modes().get(m);
            assertEquals(List.of(), f.errors(), m.label);
            assertEquals(RATE * PHASE_SECONDS, f.served(), m.label + ": every request of the fixed rate is served");
            assertEquals(1, f.idleMsPerMin().size(), m.label);
            assertTrue(f.loadMsPerMin().get(0) > 0, m.label + ": the service's own process CPU is read");
        }
        assertProfiledBy(result, ProfilerMode.ALONE, false, false, false);
        assertProfiledBy(result, ProfilerMode.SAMPLER, false, false, false);
        assertProfiledBy(result, ProfilerMode.JFR_WINDOW, false, false, true);
        assertProfiledBy(result, ProfilerMode.ASYNC_WINDOW, true, true, false);
        assertProfiledBy(result, ProfilerMode.JFR_DEFAULT, false, false, true);
        assertProfiledBy(result, ProfilerMode.PYROSCOPE, true, false, false);
        assertTrue(result.uploads() > 0, "the Pyroscope agent uploaded to the sink: " + log);

        ByteArrayOutputStream table = new ByteArrayOutputStream();
        SideBySide.print(settings, result, new PrintStream(table, true, StandardCharsets.UTF_8));
        String printed = table.toString(StandardCharsets.UTF_8);
        for (ProfilerMode m : modes) {
            assertTrue(printed.contains("\n" + m.label + " | "), "a row for " + m.label + " in\n" + printed);
        }
    }

    private static void assertProfiledBy(SideBySide.Result r, ProfilerMode m, boolean asyncProfiler, boolean asyncWindow,
            boolean jfr) {
        Map<String, String> facts = r.modes().get(m).facts();
        assertEquals(asyncProfiler, Boolean.parseBoolean(facts.get("asyncProfilerLoaded")), m.label + " " + facts);
        assertEquals(asyncWindow, Boolean.parseBoolean(facts.get("asyncWindowThread")), m.label + " " + facts);
        assertEquals(jfr, Long.parseLong(facts.get("jfrRecordings")) > 0, m.label + " " + facts);
    }

    @Test
    void readsUserPlusSystemTimeAfterACommandNameWithSpacesAndParentheses() {
        // fields 14 and 15 (utime, stime) are 250 and 70 ticks: 3.2 s at 100 ticks a second
        String stat = "4242 (a (b) c) S 1 4242 4242 0 -1 4194560 1000 0 0 0 250 70 0 0 20 0 30 0 100 0\n";
        assertEquals(3200, ServiceChild.cpuMillis(stat));
    }

    @Test
    void spreadIsTheMedianAndTheRangeAndDifferencesArePerRound() {
        assertEquals("20 (10 – 40)", SideBySide.spread(List.of(40.0, 10.0, 20.0), "%.0f"));
        assertEquals("7", SideBySide.spread(List.of(7.0), "%.0f"));
        assertEquals(List.of(5.0, -1.0), SideBySide.difference(List.of(15.0, 9.0), List.of(10.0, 10.0)));
    }
}
