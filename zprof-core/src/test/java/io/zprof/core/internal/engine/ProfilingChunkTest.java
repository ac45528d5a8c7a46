package io.zprof.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.ArtifactRef;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.DumpOutcome;
import io.zprof.api.model.DumpRequest;
import io.zprof.api.model.EventType;
import io.zprof.api.model.Metric;
import io.zprof.api.model.ReportEvent;
import io.zprof.api.spi.CollectorProvider;
import io.zprof.api.spi.DumperProvider;
import io.zprof.core.fixtures.EngineHarness;
import io.zprof.core.fixtures.FakeDumperProvider;
import io.zprof.core.fixtures.FakeLoader;
import io.zprof.core.fixtures.Poll;
import io.zprof.core.fixtures.ScriptedCollectorProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Continuous profiling: a chunk per upload interval, back to back, published as PROFILE_CHUNK events. */
class ProfilingChunkTest {
    @TempDir
    Path tmp;

    @Test
    void chunksAreContiguousAndCarryTheirFiles() {
        FakeDumperProvider chunks = chunkDumper();
        try (EngineHarness h = profilingEverySecond(chunks)) {
            // the engine's clock moves only when the test says so: let it run while chunks are cut
            Poll.until("two chunks", () -> {
                h.clock().advance(Duration.ofMillis(50));
                return chunks.requests().size() >= 2;
            });
            List<ReportEvent> events = h.nextEvents(2).stream().sorted(Comparator.comparing(ReportEvent::from)).toList();

            ReportEvent first = events.get(0);
            ReportEvent second = events.get(1);
            for (ReportEvent e : events) {
                assertEquals(EventType.PROFILE_CHUNK, e.type());
                assertEquals("profile", e.rule());
                assertNull(e.error());
                assertTrue(e.until().isAfter(e.from()), e.from() + " .. " + e.until());
                assertEquals(1, e.artifacts().size());
                ArtifactRef a = e.artifacts().get(0);
                assertTrue(a.name().startsWith("profile_") && a.name().endsWith("_" + e.eventId() + ".jfr"), a.name());
            }
            assertEquals(first.until(), second.from(), "no gap and no overlap between chunks");
            DumpRequest r = chunks.requests().get(0);
            assertEquals(DumpKind.PROFILE_CHUNK, r.kind());
            assertEquals(Duration.between(first.from(), first.until()), r.duration());
        }
    }

    /**
     * After a suspension the fixed-rate schedule runs its missed turns back to back; with the clock standing still
     * between turns, this is what they see. They cut nothing, and the first turn after the clock moved a full
     * interval cuts one chunk over all of it.
     */
    @Test
    void turnsThatFindLessThanHalfAnIntervalCutNoChunk() throws InterruptedException {
        FakeDumperProvider chunks = chunkDumper();
        try (EngineHarness h = profilingEverySecond(chunks)) {
            Instant started = h.clock().instant();
            // at least two turns of the 1 s schedule, the clock standing still
            Thread.sleep(2_500);
            assertTrue(chunks.requests().isEmpty(), () -> "chunks cut with no time passed: " + chunks.requests());

            h.clock().advance(Duration.ofMillis(1_200));
            ReportEvent chunk = h.nextEvents(1).get(0);
            assertEquals(EventType.PROFILE_CHUNK, chunk.type());
            assertEquals(started, chunk.from(), "the chunk covers the time of the turns that cut nothing");
            assertEquals(started.plusMillis(1_200), chunk.until());
            assertEquals(1, chunks.requests().size());
        }
    }

    @Test
    void stopCutsALastChunkOverTheSamplesSinceThePreviousOne() throws Exception {
        FakeDumperProvider chunks = chunkDumper();
        EngineHarness h = profilingEverySecond(chunks);
        Instant started = h.clock().instant();
        // less than an interval since the start: without a last chunk, stop() would drop these samples
        h.clock().advance(Duration.ofMillis(700));
        h.engine().stop();

        List<ReportEvent> cut = h.pendingEvents().stream().filter(e -> e.type() == EventType.PROFILE_CHUNK).toList();
        assertEquals(1, cut.size(), () -> "one chunk up to the stop: " + h.pendingEvents());
        ReportEvent last = cut.get(0);
        assertEquals(started, last.from());
        assertEquals(started.plusMillis(700), last.until());
        assertNull(last.error());
        assertTrue(Files.exists(last.artifacts().get(0).path()), "its file was written");
        assertEquals(0, h.counter("captureFailures"));
    }

    @Test
    void aChunkBeingWrittenWhenStopIsCalledIsNotInterrupted() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        FakeDumperProvider chunks = new FakeDumperProvider("slowchunk", 0, DumpKind.PROFILE_CHUNK).behaviour(r -> {
            writing.countDown();
            try {
                // as a JFR dump does, an interrupt fails the write
                Thread.sleep(200);
            } catch (InterruptedException e) {
                throw new java.io.InterruptedIOException("interrupted while writing the chunk");
            }
            Files.writeString(r.output().newFile("profile", "jfr"), "chunk " + r.eventId());
            return DumpOutcome.done();
        });
        EngineHarness h = profilingEverySecond(chunks);
        h.clock().advance(Duration.ofMillis(1_200));
        assertTrue(writing.await(10, TimeUnit.SECONDS), "a scheduled chunk started");
        h.engine().stop();

        List<ReportEvent> cut = h.pendingEvents().stream().filter(e -> e.type() == EventType.PROFILE_CHUNK).toList();
        assertEquals(1, cut.size(), () -> "the chunk was written and published: " + h.pendingEvents());
        assertNull(cut.get(0).error());
        assertEquals(0, h.counter("captureFailures"));
    }

    @Test
    void updatesMoreFrequentThanTheIntervalDoNotHoldChunksBack() {
        FakeDumperProvider chunks = chunkDumper();
        try (EngineHarness h = profilingEverySecond(chunks)) {
            ZprofConfig base = h.engine().config();
            int[] abs = {100};
            // a configuration system pushing a threshold every 200 ms; before, each update restarted the 1 s turn
            Poll.until("a chunk cut while updates keep coming", () -> {
                abs[0]++;
                h.engine().update(base.toBuilder().threads(r -> r.abs(abs[0])).build(), ConfigProperties.empty());
                h.clock().advance(Duration.ofMillis(200));
                sleep(200);
                return !chunks.requests().isEmpty();
            });
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return a dumper that writes each chunk as a small {@code profile.jfr} */
    private static FakeDumperProvider chunkDumper() {
        return new FakeDumperProvider("fakechunk", 0, DumpKind.PROFILE_CHUNK).behaviour(r -> {
            Files.writeString(r.output().newFile("profile", "jfr"), "chunk " + r.eventId());
            return DumpOutcome.done();
        });
    }

    /** @return a started engine that cuts a profiling chunk every second of real time through {@code chunks} */
    private EngineHarness profilingEverySecond(FakeDumperProvider chunks) {
        FakeLoader loader = new FakeLoader().with(CollectorProvider.class, new ScriptedCollectorProvider("s", 0, Metric.JVM_THREADS))
                .with(DumperProvider.class, chunks);
        return new EngineHarness(EngineHarness.config(tmp.resolve("dumps"))
                .profiling(p -> p.enabled(true).uploadInterval(Duration.ofSeconds(1))).build(), loader).start();
    }
}
