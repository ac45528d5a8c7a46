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
import java.util.concurrent.locks.LockSupport;
import jdk.jfr.Recording;
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
    void aPeriodThatChangesMidRecordingIsWeighedBySamples() throws IOException {
        Path out = dir.resolve("mixed.jfr");
        try (Recording outer = new Recording()) {
            outer.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(20));
            outer.enable("jdk.ActiveSetting");
            outer.start();
            JfrRecordings.burn(Duration.ofMillis(300));
            try (Recording inner = new Recording()) {
                inner.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
                inner.start();
                JfrRecordings.burn(Duration.ofMillis(300));
                inner.stop();
            }
            outer.stop();
            outer.dump(out);
        }
        int rate = JfrProfile.read(out).sampleRate();
        assertTrue(rate > 50 && rate < 100, "between the two periods' rates: " + rate);
    }

    @Test
    void aParkThatBeganBeforeTheRecordingDoesNotStretchItsPeriodBack() throws Exception {
        Path out = dir.resolve("park.jfr");
        Instant started;
        // JFR writes one stream: a park that another recording (the pre-trigger window) saw begin lands in this one
        try (Recording window = new Recording()) {
            window.enable("jdk.ThreadPark").withThreshold(Duration.ZERO);
            window.start();
            Thread parked = new Thread(() -> LockSupport.parkNanos(Duration.ofMillis(600).toNanos()),
                    "jfr-profile-test-parked");
            parked.start();
            Thread.sleep(300);
            try (Recording r = new Recording()) {
                r.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
                r.start();
                started = r.getStartTime();
                JfrRecordings.burn(Duration.ofMillis(500));
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
