package io.zprof.dumper.async.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.DumpOutcome;
import io.zprof.api.port.Dumper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Continuous-profiling chunks from the async dumper's background session, without the engine. */
class ChunkSessionTest {
    private static final String CPU = "jdk.ExecutionSample";

    @TempDir
    Path dir;
    @RegisterExtension
    final Workers workers = new Workers();

    @Test
    void withTheWindowOffTheSessionRunsForTheChunksAloneAndChunksFollowEachOtherWithoutSharingASample()
            throws Exception {
        workers.start("async-chunks-burner", Workloads::burnUntil);
        ZprofConfig config = Fixtures.config(dir, d -> d).toBuilder().profiling(p -> p.enabled(true)).build();
        Fixtures.Output out = new Fixtures.Output(dir);
        List<Path> chunks = new ArrayList<>();
        try (Dumper dumper = new AsyncDumperProvider().create(Fixtures.context(config))) {
            assertTrue(ProfilerEngine.shared().running(), "the session runs for the chunks");
            DumpOutcome window = dumper.dump(Fixtures.request(DumpKind.WINDOW, null, out));
            assertTrue(window.skipped(), "no window is served from it");
            for (int i = 0; i < 3; i++) {
                // the session samples the burner every 10 ms: a quarter second gives each chunk a few dozen samples
                Thread.sleep(250);
                chunks.add(chunk(dumper));
            }
        }
        Instant lastOfPrevious = Instant.MIN;
        for (Path chunk : chunks) {
            assertEquals("burnCpuInAsyncTest", Profiles.heaviestJavaMethod(chunk, CPU));
            assertEquals(Set.of("10000000"), Profiles.settings(chunk, CPU, "interval"),
                    "the chunks alone sample at zprof.dump.sampleperiod, as the JFR chunks do");
            List<Instant> times = Profiles.events(chunk, CPU).stream().map(RecordedEvent::getStartTime)
                    .sorted(Comparator.naturalOrder()).toList();
            assertTrue(times.get(0).isAfter(lastOfPrevious), "no sample in two chunks");
            lastOfPrevious = times.get(times.size() - 1);
        }
    }

    @Test
    void aCaptureSpanningAWholeChunkLeavesItEmptyAndGoesIntoTheNext() throws Exception {
        workers.start("async-chunks-burner", Workloads::burnUntil);
        ZprofConfig config = Fixtures.config(dir, d -> d).toBuilder().profiling(p -> p.enabled(true)).build();
        Fixtures.Output out = new Fixtures.Output(dir);
        try (Dumper dumper = new AsyncDumperProvider().create(Fixtures.context(config))) {
            Thread capture = Workloads.background("async-chunks-capture", () -> {
                try {
                    dumper.dump(Fixtures.request(DumpKind.CPU, Duration.ofSeconds(3), out));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            workers.start(capture);
            // async-profiler creates the capture's file when its session starts
            while (out.written().stream().noneMatch(p -> p.toString().endsWith("-cpu-session.jfr"))) {
                assertTrue(capture.isAlive(), "the capture runs");
                Thread.sleep(5);
            }
            Path before = chunk(dumper);
            Fixtures.Output none = new Fixtures.Output(Files.createTempDirectory(dir, "chunk"));
            DumpOutcome empty = dumper.dump(Fixtures.request(DumpKind.PROFILE_CHUNK, null, none));
            assertFalse(empty.skipped(), "not a failure: the samples are not lost");
            assertEquals("no samples to write: a capture holds the profiler", empty.detail());
            assertEquals(List.of(), none.written());
            capture.join();
            Path after = chunk(dumper);
            assertEquals(Set.of("10000000"), Profiles.settings(after, CPU, "interval"));
            assertTrue(Profiles.events(after, CPU).size() > Profiles.events(before, CPU).size(),
                    "the next chunk holds the capture's samples");
        }
    }

    /** @return the chunk, written through an output of its own */
    private Path chunk(Dumper dumper) throws IOException {
        Fixtures.Output out = new Fixtures.Output(Files.createTempDirectory(dir, "chunk"));
        DumpOutcome o = dumper.dump(Fixtures.request(DumpKind.PROFILE_CHUNK, null, out));
        assertFalse(o.skipped(), o.detail());
        return out.require("profile", "jfr");
    }
}
