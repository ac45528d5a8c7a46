package io.zprof.reporter.pyroscope;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.EventType;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * What the upload needs to know about a JFR file, read with {@link RecordingFile}: the execution-sample rate that
 * was really in force, the time span of its profile events, and whether it holds any event Pyroscope turns into a
 * profile.
 *
 * <p>The rate comes from the {@code jdk.ActiveSetting} events for {@code jdk.ExecutionSample#period} (async-profiler
 * names it {@code interval}, in nanoseconds, and its wall-clock samples share it). JFR writes one
 * whenever the effective period changes (it is the smallest period of all running recordings), so a file can hold
 * several. Pyroscope multiplies every sample by one period ({@code 1e9 / sampleRate} ns), so each sample is weighed
 * with the period in force when it was taken and the rate sent is the one that gives the same total CPU time.
 *
 * @param sampleRate       samples per second to send as {@code sampleRate}
 * @param periodRecorded   whether the rate came from the recording (otherwise it is the default, 100)
 * @param start            when the first profile event was recorded, or {@code null} for a file without them.
 *                         Only profile events count, at the time they were committed (their end): JFR writes one
 *                         stream, so a file also holds events of other recordings from before its own start (chunk
 *                         bookkeeping, a park another recording saw begin)
 * @param end              when the last profile event was recorded, or {@code null}
 * @param profileEvents    events of the types Pyroscope converts (execution, allocation, lock samples)
 * @param executionSamples {@code jdk.ExecutionSample} events
 */
record JfrProfile(int sampleRate, boolean periodRecorded, Instant start, Instant end, long profileEvents,
                  long executionSamples) {

    /** Pyroscope's own default when no rate is given. */
    static final int DEFAULT_SAMPLE_RATE = 100;
    private static final String EXECUTION_SAMPLE = "jdk.ExecutionSample";
    /** Event types Pyroscope's JFR parser turns into profiles (pyroscope-ingest.md §6.2). */
    private static final Set<String> PROFILE_EVENTS = Set.of(EXECUTION_SAMPLE, "jdk.ObjectAllocationInNewTLAB",
            "jdk.ObjectAllocationOutsideTLAB", "jdk.ObjectAllocationSample", "jdk.JavaMonitorEnter", "jdk.ThreadPark",
            "profiler.WallClockSample", "profiler.LiveObject", "profiler.Malloc");

    /** The sampling period's setting: JFR's {@code period}, async-profiler's {@code interval}. */
    private static final Set<String> PERIOD_SETTINGS = Set.of("period", "interval");

    /**
     * @param jfr a finished recording
     * @return its facts
     * @throws IOException when the file cannot be read or is not a JFR recording
     */
    static JfrProfile read(Path jfr) throws IOException {
        List<long[]> periodChanges = new ArrayList<>();
        long[] sampleTimes = new long[1024];
        int samples = 0;
        long profileEvents = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        try (RecordingFile file = new RecordingFile(jfr)) {
            Map<Long, String> typeNames = new HashMap<>();
            for (EventType t : file.readEventTypes()) {
                typeNames.put(t.getId(), t.getName());
            }
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                String type = e.getEventType().getName();
                long t = nanos(e.getStartTime());
                if (PROFILE_EVENTS.contains(type)) {
                    profileEvents++;
                    long recorded = nanos(e.getEndTime());
                    first = Math.min(first, recorded);
                    last = Math.max(last, recorded);
                }
                if (type.equals(EXECUTION_SAMPLE)) {
                    if (samples == sampleTimes.length) {
                        sampleTimes = Arrays.copyOf(sampleTimes, samples * 2);
                    }
                    sampleTimes[samples++] = t;
                } else if (type.equals("jdk.ActiveSetting") && PERIOD_SETTINGS.contains(e.getString("name"))
                        && EXECUTION_SAMPLE.equals(typeNames.get(e.getLong("id")))) {
                    long period = parsePeriod(e.getString("value"));
                    if (period > 0) {
                        periodChanges.add(new long[] {t, period});
                    }
                }
            }
        }
        Instant start = first == Long.MAX_VALUE ? null : instant(first);
        Instant end = last == Long.MIN_VALUE ? null : instant(last);
        if (periodChanges.isEmpty()) {
            return new JfrProfile(DEFAULT_SAMPLE_RATE, false, start, end, profileEvents, samples);
        }
        double period = meanPeriod(periodChanges, Arrays.copyOf(sampleTimes, samples));
        int rate = (int) Math.max(1, Math.round(1e9 / period));
        return new JfrProfile(rate, true, start, end, profileEvents, samples);
    }

    /** Mean of the period in force at each sample; the last setting when there are no samples. */
    private static double meanPeriod(List<long[]> changes, long[] samples) {
        changes.sort((a, b) -> Long.compare(a[0], b[0]));
        if (samples.length == 0) {
            return changes.get(changes.size() - 1)[1];
        }
        Arrays.sort(samples);
        double total = 0;
        int c = 0;
        for (long t : samples) {
            while (c + 1 < changes.size() && changes.get(c + 1)[0] <= t) {
                c++;
            }
            total += changes.get(c)[1];
        }
        return total / samples.length;
    }

    /**
     * @param value a JFR timespan setting such as {@code 10 ms} or {@code 20000000 ns}, or async-profiler's bare
     *              nanoseconds ({@code 10000000})
     * @return nanoseconds, or -1 when it is not a timespan (e.g. {@code everyChunk})
     */
    static long parsePeriod(String value) {
        if (value == null) {
            return -1;
        }
        if (value.trim().matches("[0-9]+")) {
            return Long.parseLong(value.trim());
        }
        String[] parts = value.trim().split("\\s+");
        if (parts.length != 2) {
            return -1;
        }
        double n;
        try {
            n = Double.parseDouble(parts[0]);
        } catch (NumberFormatException e) {
            return -1;
        }
        double unit;
        switch (parts[1].toLowerCase(Locale.ROOT)) {
            case "ns": unit = 1; break;
            case "us": unit = 1e3; break;
            case "ms": unit = 1e6; break;
            case "s": unit = 1e9; break;
            case "m": case "min": unit = 60e9; break;
            case "h": unit = 3600e9; break;
            case "d": unit = 86400e9; break;
            default: return -1;
        }
        return Math.round(n * unit);
    }

    private static long nanos(Instant i) {
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}
