package io.zprof.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ConfigurationException;
import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.ArtifactRef;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.DumpOutcome;
import io.zprof.api.model.Metric;
import io.zprof.api.model.ReportEvent;
import io.zprof.api.spi.CollectorProvider;
import io.zprof.api.spi.DumperProvider;
import io.zprof.core.fixtures.EngineHarness;
import io.zprof.core.fixtures.FakeDumperProvider;
import io.zprof.core.fixtures.FakeLoader;
import io.zprof.core.fixtures.ScriptedCollectorProvider;
import io.zprof.core.fixtures.Tmpfs;
import io.zprof.core.status.DumpDirectoryStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dump directory that cannot be used: refused at start() and update() naming the setting and the path; one that
 * breaks while running (read-only, disk full) is counted, shown in status(), and does not silence the rule for its
 * whole cooldown; a heap capture that fills the disk keeps its histogram.
 */
class DumpDirectoryFailureTest {
    @TempDir
    Path tmp;

    private final ScriptedCollectorProvider collector = new ScriptedCollectorProvider("scripted", 0, Metric.JVM_THREADS,
            Metric.OS_THREADS);
    private final FakeDumperProvider dumper = new FakeDumperProvider("fake", 0, DumpKind.THREADS, DumpKind.HEAP);
    private EngineHarness h;

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
    }

    /** JVM threads above 100 fire with a 5-minute cooldown. */
    private static ZprofConfig.Builder firing(Path dir, DumpKind... kinds) {
        return EngineHarness.config(dir).threads(r -> r.enabled(true).min(1).abs(100).diff(0).max(0)
                .cooldown(Duration.ofMinutes(5)).dumps(kinds));
    }

    private EngineHarness harness(ZprofConfig cfg) {
        h = new EngineHarness(cfg, new FakeLoader().with(CollectorProvider.class, collector).with(DumperProvider.class, dumper));
        collector.set(Metric.JVM_THREADS, 150);
        return h;
    }

    private void assertRefused(Path dir, String why) {
        harness(firing(dir, DumpKind.THREADS).build());
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> h.start(), dir + " is accepted");
        assertEquals("zprof.dump.path", e.key());
        assertTrue(e.getMessage().startsWith("zprof.dump.path=" + dir.toAbsolutePath().normalize() + ": "),
                "names the setting and the path: " + e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
        assertFalse(h.engine().isRunning(), "nothing is left running");
    }

    @Test
    void unusableDirectoriesAreRefusedAtStartNamingTheSettingAndThePath() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "not a directory");
        assertRefused(Path.of("/tmp"), "writable by every user");
        assertRefused(file.resolve("dumps"), "cannot be created");
        assertRefused(file, "not a directory");
        assertRefused(Path.of("/dev/null"), "not a directory");
        Path mount = Files.createDirectory(tmp.resolve("ro"));
        try (Tmpfs fs = Tmpfs.mount(mount, "1m")) {
            Files.createDirectory(mount.resolve("dumps"));
            fs.remountReadOnly();
            assertRefused(mount.resolve("dumps"), "Read-only file system");
        }
    }

    @Test
    void anUpdateToAnUnusableDirectoryChangesNothing() throws IOException {
        Path good = tmp.resolve("dumps");
        harness(firing(good, DumpKind.THREADS).build()).start();
        Path file = Files.writeString(tmp.resolve("a-file"), "not a directory");
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> h.engine().update(firing(file, DumpKind.THREADS).build(), ConfigProperties.empty()));
        assertTrue(e.getMessage().startsWith("zprof.dump.path=" + file + ": not a directory"), e.getMessage());
        assertEquals(good, h.engine().config().dump().directory());
        assertEquals(1, h.status().generation());
    }

    @Test
    void anUpdateRefusedAfterItsDirectoryWasCheckedLeavesTheStatusOnTheOldDirectory() {
        Path good = tmp.resolve("dumps");
        harness(firing(good, DumpKind.THREADS).build()).start();
        // the new directory is fine; building the new components then fails on a bad setting
        collector.failingCreate(new ConfigurationException("zprof.collector.scripted.mode", "bad value"));
        Path other = tmp.resolve("other-dumps");
        assertThrows(ConfigurationException.class,
                () -> h.engine().update(firing(other, DumpKind.THREADS).build(), ConfigProperties.empty()));
        assertEquals(good, h.engine().config().dump().directory());
        assertEquals(good.toAbsolutePath().normalize(), h.status().dumpDirectory().path().toAbsolutePath().normalize(),
                "status() still reports the directory in force");
    }

    @Test
    void anUpdateToAnotherDirectoryIsReportedInStatus() {
        harness(firing(tmp.resolve("dumps"), DumpKind.THREADS).build()).start();
        Path other = tmp.resolve("other-dumps");
        h.engine().update(firing(other, DumpKind.THREADS).build(), ConfigProperties.empty());
        assertEquals(other.toAbsolutePath().normalize(), h.status().dumpDirectory().path().toAbsolutePath().normalize());
    }

    @Test
    void aDirectoryThatBreaksWhileRunningIsCountedShownAndRetriedAfterAMinute() throws Exception {
        Path mount = Files.createDirectory(tmp.resolve("disk"));
        Path dumps = mount.resolve("dumps");
        dumper.behaviour(FakeDumperProvider::writeSmallFile);
        try (Tmpfs fs = Tmpfs.mount(mount, "1m")) {
            harness(firing(dumps, DumpKind.THREADS).build()).start();
            assertTrue(h.status().dumpDirectory().usable());
            fs.remountReadOnly();
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            PrintStream previous = System.err;
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            ReportEvent first;
            try {
                h.cycle();
                first = h.nextEvent();
                h.clock().advance(Duration.ofMinutes(1));
                h.cycle();
                assertTrue(h.nextEvent().error().startsWith("dump directory unusable: "));
            } finally {
                System.setErr(previous);
            }
            String logged = log.toString(StandardCharsets.UTF_8);
            assertEquals(1, logged.split("ERROR .*dump directory problem", -1).length - 1, "an ERROR once, not per capture: "
                    + logged);
            assertTrue(logged.contains("zprof.dump.path=" + dumps), logged);
            assertTrue(first.error().startsWith("dump directory unusable: zprof.dump.path=" + dumps + ": cannot write in it"),
                    first.error());
            assertEquals(2L, h.counter("captureFailures"));
            assertEquals(2L, h.rule("threads").firedCount(), "fired again a minute after the capture that wrote nothing");
            DumpDirectoryStatus st = h.status().dumpDirectory();
            assertFalse(st.usable());
            assertEquals(dumps, st.path());
            assertTrue(st.lastError().contains("Read-only file system"), st.lastError());
            assertEquals(EngineHarness.START.plus(Duration.ofMinutes(1)), st.lastErrorTime());

            // not the whole 5-minute cooldown, but not at every cycle either: a minute
            h.clock().advance(Duration.ofSeconds(59));
            h.cycle();
            assertEquals(2L, h.rule("threads").firedCount(), h.rule("threads").reason());
            h.clock().advance(Duration.ofSeconds(1));
            h.cycle();
            assertEquals(3L, h.rule("threads").firedCount(), h.rule("threads").reason());
            assertTrue(h.nextEvent().error().startsWith("dump directory unusable: "));
            h.close();
        }
        // the disk is back (the mount is gone): the directory is created again and the next capture works
        harness(firing(dumps, DumpKind.THREADS).build()).start();
        h.cycle();
        ReportEvent healed = h.nextEvent();
        assertNull(healed.error());
        assertTrue(h.status().dumpDirectory().usable());
    }

    @Test
    void aDirectoryDeletedWhileRunningIsCreatedAgainPrivate() throws IOException {
        Path dumps = tmp.resolve("dumps");
        dumper.behaviour(FakeDumperProvider::writeSmallFile);
        harness(firing(dumps, DumpKind.THREADS).build()).start();
        Files.delete(dumps);
        h.cycle();
        ReportEvent e = h.nextEvent();
        assertNull(e.error());
        assertEquals(2, e.artifacts().size(), e.artifacts().toString());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dumps)));
        assertTrue(h.status().dumpDirectory().usable());
    }

    @Test
    void aDumpersOwnFailureIsNotReportedAsADumpDirectoryProblem() {
        dumper.behaviour(r -> {
            throw new IOException("jcmd exited with 1");
        });
        harness(firing(tmp.resolve("dumps"), DumpKind.THREADS).build()).start();
        h.cycle();
        assertTrue(h.nextEvent().error().contains("jcmd exited with 1"));
        assertEquals(1L, h.status().counters().get("captureFailures"));
        assertTrue(h.status().dumpDirectory().usable(), "the directory is fine: " + h.status().dumpDirectory());
        assertNull(h.status().dumpDirectory().lastError());
    }

    @Test
    void aCaptureThatWroteSomethingKeepsTheWholeCooldown() {
        dumper.behaviour(FakeDumperProvider::writeSmallFile);
        harness(firing(tmp.resolve("dumps"), DumpKind.THREADS).build()).start();
        h.cycle();
        assertNull(h.nextEvent().error());
        h.clock().advance(Duration.ofMinutes(4));
        h.cycle();
        assertEquals(1L, h.rule("threads").firedCount(), h.rule("threads").reason());
    }

    @Test
    void aHeapDumpThatFillsTheDiskKeepsTheHistogramAndSaysWhatFailed() throws Exception {
        Path mount = Files.createDirectory(tmp.resolve("disk"));
        Path dumps = mount.resolve("dumps");
        dumper.behaviour(r -> {
            Files.writeString(r.output().newFile("histogram", "txt"), "num     #instances         #bytes  class name\n");
            try (OutputStream out = Files.newOutputStream(r.output().newFile("heap", "hprof"))) {
                byte[] block = new byte[64 * 1024];
                for (int i = 0; i < 64; i++) {
                    // 4 MiB into a 1 MiB file system
                    out.write(block);
                }
            }
            return DumpOutcome.done();
        });
        try (Tmpfs fs = Tmpfs.mount(mount, "1m")) {
            harness(firing(dumps, DumpKind.HEAP).build()).start();
            h.cycle();
            ReportEvent e = h.nextEvent();
            h.close();

            assertNotNull(e.error());
            assertTrue(e.error().startsWith("heap: failed: java.io.IOException: No space left on device (kept [histogram_"),
                    e.error());
            List<String> kinds = e.artifacts().stream().map(ArtifactRef::name).map(n -> n.substring(0, n.indexOf('_'))).toList();
            assertEquals(List.of("histogram", "timeline"), kinds, "the histogram written before the heap dump is kept");
            ArtifactRef histogram = e.artifacts().get(0);
            assertEquals("heap", histogram.kind());
            assertTrue(Files.readString(histogram.path()).startsWith("num     #instances"));
            try (Stream<Path> left = Files.list(dumps)) {
                assertTrue(left.noneMatch(p -> p.getFileName().toString().contains("hprof")), "the partial heap dump is gone");
            }
            assertEquals(1L, h.counter("captureFailures"));
            DumpDirectoryStatus st = h.status().dumpDirectory();
            assertTrue(st.lastError().contains("No space left on device"), st.lastError());
        }
    }
}
