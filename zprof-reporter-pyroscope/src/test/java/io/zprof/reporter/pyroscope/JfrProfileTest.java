package io.zprof.reporter.pyroscope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Facts read from real recordings: the sample rate really in force, the time span, usable events. */
class JfrProfileTest {
    @TempDir
    Path dir;

    @Test
    void sampleRateFollowsTheRecordedPeriod() throws IOException {
        JfrProfile at10 = JfrProfile.read(JfrRecordings.executionSamples(dir.resolve("10.jfr"), Duration.ofMillis(10),
                Duration.ofMillis(300)));
        JfrProfile at20 = JfrProfile.read(JfrRecordings.executionSamples(dir.resolve("20.jfr"), Duration.ofMillis(20),
                Duration.ofMillis(300)));
        assertEquals(100, at10.sampleRate());
        assertEquals(50, at20.sampleRate());
        assertTrue(at10.periodRecorded());
        assertTrue(at10.executionSamples() > 0, "the recording has samples: " + at10);
        assertEquals(at10.executionSamples(), at10.profileEvents());
        assertTrue(at10.start().isBefore(at10.end()));
    }

    @Test
    void anAsyncProfilerRecordingGivesItsIntervalAsTheRateAndItsWallSamplesShareIt() throws IOException {
        JfrProfile cpu = JfrProfile.read(JfrRecordings.asyncProfiler(dir.resolve("cpu.jfr"),
                "event=itimer,interval=20000000"));
        assertEquals(50, cpu.sampleRate());
        assertTrue(cpu.periodRecorded());
        JfrProfile wall = JfrProfile.read(JfrRecordings.asyncProfiler(dir.resolve("wall.jfr"),
                "event=itimer,interval=10000000,wall=10000000"));
        assertEquals(100, wall.sampleRate());
        assertTrue(wall.profileEvents() > wall.executionSamples(), "wall-clock samples are profile events: " + wall);
        assertEquals(10_000_000, JfrProfile.parsePeriod("10000000"), "async-profiler's interval is bare nanoseconds");
    }

    @Test
    void aPeriodThatChangesMidRecordingIsWeighedBySamples() throws IOException {
        long[] counts = {0, 0};
        Path out = dir.resolve("mixed.jfr");
        for (int attempt = 0; attempt < 3 && (counts[0] == 0 || counts[1] == 0); attempt++) {
            counts = recordMixed(out); // a loaded machine may give a phase no sample at all: record again
        }
        long at10 = counts[0];
        long at20 = counts[1];
        int rate = JfrProfile.read(out).sampleRate();
        assertTrue(rate > 50 && rate < 100, "between the two periods' rates: " + rate + " " + at10 + "/" + at20);
        // a sample right at one of the two switches may fall on either side: allow two of them to move
        long low = rateFor(Math.max(0, at10 - 2), at20 + Math.min(2, at10));
        long high = rateFor(at10 + Math.min(2, at20), Math.max(0, at20 - 2));
        assertTrue(low <= rate && rate <= high, "rate " + rate + " outside [" + low + ", " + high + "] expected from "
                + at10 + " samples at 10 ms and " + at20 + " at 20 ms");
    }

    private static long rateFor(long at10, long at20) {
        return Math.round(1000 / ((10.0 * at10 + 20.0 * at20) / (at10 + at20)));
    }

    /**
     * A 20 ms recording with a 10 ms one running in its middle.
     *
     * @return samples taken while the 10 ms recording ran, and the others (counted independently of JfrProfile)
     */
    private static long[] recordMixed(Path out) throws IOException {
        Instant innerStart;
        Instant innerEnd;
        try (Recording outer = new Recording()) {
            outer.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(20));
            outer.enable("jdk.ActiveSetting");
            outer.start();
            JfrRecordings.burn(Duration.ofMillis(300));
            try (Recording inner = new Recording()) {
                inner.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
                innerStart = Instant.now();
                inner.start();
                JfrRecordings.burn(Duration.ofMillis(300));
                inner.stop();
                innerEnd = Instant.now();
            }
            JfrRecordings.burn(Duration.ofMillis(100));
            outer.stop();
            Files.deleteIfExists(out);
            outer.dump(out);
        }
        long[] counts = {0, 0};
        try (RecordingFile f = new RecordingFile(out)) {
            while (f.hasMoreEvents()) {
                RecordedEvent e = f.readEvent();
                if (e.getEventType().getName().equals("jdk.ExecutionSample")) {
                    boolean inner = !e.getStartTime().isBefore(innerStart) && e.getStartTime().isBefore(innerEnd);
                    counts[inner ? 0 : 1]++;
                }
            }
        }
        return counts;
    }

    @Test
    void aParkThatBeganBeforeTheRecordingDoesNotStretchItsPeriodBack() throws Exception {
        Path out = dir.resolve("park.jfr");
        Instant started;
        // JFR writes one stream: a park that another recording (the pre-trigger window) saw begin lands in this one
        try (Recording window = new Recording()) {
            window.enable("jdk.ThreadPark").withThreshold(Duration.ZERO);
            window.start();
            AtomicBoolean release = new AtomicBoolean();
            // parked until released after the recording started, however late either thread runs
            Thread parked = new Thread(() -> {
                while (!release.get()) {
                    LockSupport.park();
                }
            }, "jfr-profile-test-parked");
            parked.setDaemon(true);
            parked.start();
            while (parked.getState() != Thread.State.WAITING) {
                Thread.sleep(10);
            }
            Thread.sleep(100);
            try (Recording r = new Recording()) {
                r.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
                r.start();
                started = r.getStartTime();
                JfrRecordings.burn(Duration.ofMillis(500));
                release.set(true);
                LockSupport.unpark(parked);
                parked.join();
                r.stop();
                r.dump(out);
            }
        }
        assertTrue(RecordingFile.readAllEvents(out).stream().anyMatch(e ->
                e.getEventType().getName().equals("jdk.ThreadPark") && e.getStartTime().isBefore(started)),
                "the recording holds a park that began before it");
        JfrProfile p = JfrProfile.read(out);
        assertFalse(p.start().isBefore(started), "the period starts with the recording: " + p.start() + " vs "
                + started);
    }

    @Test
    void withoutAnActiveSettingTheDefaultRateIsUsed() throws IOException {
        Path out = dir.resolve("nosetting.jfr");
        try (Recording r = new Recording()) {
            r.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(20));
            r.start();
            JfrRecordings.burn(Duration.ofMillis(200));
            r.stop();
            r.dump(out);
        }
        JfrProfile p = JfrProfile.read(out);
        assertFalse(p.periodRecorded());
        assertEquals(JfrProfile.DEFAULT_SAMPLE_RATE, p.sampleRate());
    }

    @Test
    void recordingsWithoutProfileEventsAreRecognised() throws IOException {
        JfrProfile p = JfrProfile.read(JfrRecordings.withoutProfileEvents(dir.resolve("threads.jfr")));
        assertEquals(0, p.profileEvents());
    }

    @Test
    void aFileThatIsNotJfrIsRejected() throws IOException {
        Path fake = Files.writeString(dir.resolve("fake.jfr"), "not a recording");
        assertThrows(IOException.class, () -> JfrProfile.read(fake));
    }

    @Test
    void periodsParse() {
        assertEquals(10_000_000, JfrProfile.parsePeriod("10 ms"));
        assertEquals(20_000_000, JfrProfile.parsePeriod("20000000 ns"));
        assertEquals(1_000_000_000, JfrProfile.parsePeriod("1 s"));
        assertEquals(500_000, JfrProfile.parsePeriod("500 us"));
        assertEquals(-1, JfrProfile.parsePeriod("everyChunk"));
        assertEquals(-1, JfrProfile.parsePeriod("10 parsecs"));
    }
}
