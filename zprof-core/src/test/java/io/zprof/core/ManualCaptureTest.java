package io.zprof.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.model.ArtifactRef;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.EventType;
import io.zprof.api.model.ReportEvent;
import io.zprof.core.fixtures.FakeDumperProvider;
import io.zprof.core.fixtures.Poll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Zprof#capture}: the host application asks for evidence, through the same pipeline as a rule. */
class ManualCaptureTest {
    @TempDir
    Path tmp;

    private final FakeDumperProvider dumper = new FakeDumperProvider("fake", 1000, DumpKind.THREADS, DumpKind.CPU);
    private final List<ReportEvent> heard = new CopyOnWriteArrayList<>();

    private Zprof zprof(Map<String, String> extra) {
        Map<String, String> props = new java.util.HashMap<>(Map.of("zprof.interval", "1h",
                "zprof.dump.path", tmp.resolve("dumps").toString()));
        props.putAll(extra);
        Zprof z = Zprof.builder().properties(ConfigProperties.of(props)).dumper(dumper).manualSampling().build();
        z.addListener(heard::add);
        return z;
    }

    @Test
    void theEventCarriesTheReasonUnderRuleManualAndCompletesOnceTheBundleIsWritten() throws Exception {
        try (Zprof zprof = zprof(Map.of())) {
            zprof.start();
            ReportEvent e = await(zprof.capture(Set.of(DumpKind.THREADS, DumpKind.CPU), "support ticket 42"));
            assertEquals("manual", e.rule());
            assertEquals("support ticket 42", e.reason());
            assertEquals(EventType.TRIGGER, e.type());
            assertNull(e.error());
            // the bundle is on disk when the stage completes: both dumps and the timeline, sealed
            assertEquals(Set.of("threads", "cpu", "timeline"),
                    e.artifacts().stream().map(ArtifactRef::kind).collect(java.util.stream.Collectors.toSet()));
            for (ArtifactRef a : e.artifacts()) {
                assertTrue(Files.isRegularFile(a.path()), a.path() + " exists");
            }
            String timeline = Files.readString(e.artifacts().stream().filter(a -> a.kind().equals("timeline"))
                    .findFirst().orElseThrow().path());
            assertTrue(timeline.contains("support ticket 42") && timeline.contains("\"manual\""), timeline);
            assertEquals(List.of(DumpKind.THREADS, DumpKind.CPU),
                    dumper.requests().stream().map(r -> r.kind()).toList(), "in the capture order of a rule");
            assertTrue(dumper.requests().stream().allMatch(r -> r.rule().equals("manual")
                    && r.reason().equals("support ticket 42")));
            // the same pipeline as a rule: listeners and status() saw it before the caller did
            assertEquals(List.of(e), heard);
            assertEquals(List.of(e), zprof.status().recentEvents());
            assertEquals(1L, zprof.status().counters().get("events"));
        }
    }

    @Test
    void refusedWhileNotRunningSayingSo() {
        try (Zprof zprof = zprof(Map.of())) {
            IllegalStateException e = failure(zprof.capture(Set.of(DumpKind.THREADS), "before start"));
            assertEquals("zprof: cannot capture: zprof is not running", e.getMessage());
            zprof.start();
            zprof.stop();
            assertEquals("zprof: cannot capture: zprof is not running",
                    failure(zprof.capture(Set.of(DumpKind.THREADS), "after stop")).getMessage());
        }
        assertTrue(dumper.requests().isEmpty());
        assertTrue(heard.isEmpty());
    }

    @Test
    void aSecondCaptureWhileOneRunsIsRefusedNamingItAndTheCallerNeverWaits() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        dumper.behaviour(r -> {
            entered.countDown();
            FakeDumperProvider.await(release, Poll.DEFAULT);
            return FakeDumperProvider.writeSmallFile(r);
        });
        try (Zprof zprof = zprof(Map.of())) {
            zprof.start();
            // returns while the dumper is held: the caller's thread does not run or wait for the capture
            CompletionStage<ReportEvent> first = zprof.capture(Set.of(DumpKind.THREADS), "first");
            assertTrue(entered.await(Poll.DEFAULT.toMillis(), TimeUnit.MILLISECONDS));
            assertFalse(first.toCompletableFuture().isDone());
            IllegalStateException refused = failure(zprof.capture(Set.of(DumpKind.CPU), "second"));
            assertTrue(refused.getMessage().startsWith("zprof: cannot capture: a capture is already in progress (rule "
                    + "'manual', event "), refused.getMessage());
            release.countDown();
            ReportEvent done = await(first);
            assertTrue(refused.getMessage().endsWith("event " + done.eventId() + ")"), refused.getMessage());
            // once it ended, the next one is taken
            dumper.behaviour(FakeDumperProvider::writeSmallFile);
            assertEquals("third", await(zprof.capture(Set.of(DumpKind.CPU), "third")).reason());
        }
    }

    @Test
    void inDryRunNothingIsCapturedAndTheDryRunEventCompletesIt() throws Exception {
        try (Zprof zprof = zprof(Map.of("zprof.dryrun", "true"))) {
            zprof.start();
            ReportEvent e = await(zprof.capture(Set.of(DumpKind.THREADS), "dry"));
            assertEquals(EventType.DRY_RUN, e.type());
            assertEquals("manual", e.rule());
            assertTrue(dumper.requests().isEmpty());
        }
    }

    @Test
    void profileChunksAndNullsAreTheCallersMistake() {
        try (Zprof zprof = zprof(Map.of())) {
            zprof.start();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> zprof.capture(Set.of(DumpKind.PROFILE_CHUNK), "chunk"));
            assertTrue(e.getMessage().contains("zprof.profiling.enabled"), e.getMessage());
            assertThrows(NullPointerException.class, () -> zprof.capture(null, "x"));
            assertThrows(NullPointerException.class, () -> zprof.capture(Set.of(DumpKind.CPU), null));
        }
    }

    private static ReportEvent await(CompletionStage<ReportEvent> stage) throws Exception {
        return stage.toCompletableFuture().get(Poll.DEFAULT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static IllegalStateException failure(CompletionStage<ReportEvent> stage) {
        CompletableFuture<ReportEvent> f = stage.toCompletableFuture();
        assertTrue(f.isDone(), "refused at once, not later");
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(Duration.ZERO.toMillis(), TimeUnit.MILLISECONDS));
        return assertInstanceOf(IllegalStateException.class, e.getCause());
    }
}
