package io.zprof.core.internal.report;

import io.zprof.core.status.ReporterStatus;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ReportConfig;
import io.zprof.api.config.SpoolConfig;
import io.zprof.api.model.ArtifactRef;
import io.zprof.api.model.ReportEvent;
import io.zprof.api.model.ReportOutcome;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The on-disk spool: durability across restarts, hard links, permissions, the byte cap, ownership. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DispatcherSpoolTest extends DispatcherFixture {

    @Test
    void spooledEventsSurviveARestartAndRetentionOfTheDumpDirectory() throws Exception {
        Path a1 = artifact("cpu_20260101-120000_e1.jfr", 5000);
        Path a2 = artifact("threads_20260101-120000_e2.txt", 700);
        byte[] a1Bytes = Files.readAllBytes(a1);
        byte[] a2Bytes = Files.readAllBytes(a2);
        ReportEvent e1 = event("e1", a1);
        ReportEvent e2 = event("e2", a2);

        ScriptedReporter down = new ScriptedReporter((e, n) -> {
            throw new IOException("Connection refused");
        });
        ReportDispatcher first = started(config(10, true).retry(fastRetry(2)), named("http", down));
        first.enqueue(e1);
        first.enqueue(e2);
        drive("a failed round was recorded", () -> status(first, 0).attempts() >= 2, first);
        closeDriven(first);
        drive("the worker saved both and ended", () -> !threadAlive("zprof-report-http"), first);
        assertEquals(2, status(first, 0).spooled());

        // dump retention deletes the originals; the spool holds its own links
        Files.delete(a1);
        Files.delete(a2);

        Map<String, byte[]> received = new ConcurrentHashMap<>();
        Map<String, ReportEvent> events = new ConcurrentHashMap<>();
        ScriptedReporter up = new ScriptedReporter((e, n) -> {
            events.put(e.eventId(), e);
            for (ArtifactRef a : e.artifacts()) {
                received.put(a.name(), Files.readAllBytes(a.path()));
            }
            return ReportOutcome.success();
        });
        ReportDispatcher second = started(config(10, true), named("http", up));
        drive("both delivered after the restart", () -> status(second, 0).delivered() == 2, second);

        ReporterStatus s = status(second, 0);
        assertEquals(2, s.recovered());
        assertTrue(s.retries() >= 1, "retry state survived the restart: " + s);
        assertArrayEquals(a1Bytes, received.get("cpu_20260101-120000_e1.jfr"));
        assertArrayEquals(a2Bytes, received.get("threads_20260101-120000_e2.txt"));
        assertSameEvent(e1, events.get("e1"));
        assertSameEvent(e2, events.get("e2"));
        assertTrue(events.get("e1").artifacts().get(0).path().startsWith(spoolDir().resolve("http")),
                "artifacts are read from the spool");
        assertEquals(List.of(), spoolEntries("http"), "delivered events leave the spool");
        assertEquals(0, s.spooledBytes());
        assertAccounted(s);
    }

    private static void assertSameEvent(ReportEvent expected, ReportEvent actual) {
        assertEquals(expected.eventId(), actual.eventId());
        assertEquals(expected.type(), actual.type());
        assertEquals(expected.time(), actual.time());
        assertEquals(expected.rule(), actual.rule());
        assertEquals(expected.value(), actual.value());
        assertTrue(Double.isNaN(actual.average()), "NaN survives the round trip");
        assertEquals(expected.reason(), actual.reason());
        assertEquals(expected.thresholds(), actual.thresholds());
        assertEquals(expected.labels(), actual.labels());
        assertEquals(expected.error(), actual.error());
        assertEquals(expected.from(), actual.from());
        assertEquals(expected.until(), actual.until());
        assertEquals(expected.artifacts().size(), actual.artifacts().size());
        for (int i = 0; i < expected.artifacts().size(); i++) {
            ArtifactRef x = expected.artifacts().get(i);
            ArtifactRef y = actual.artifacts().get(i);
            assertEquals(x.name(), y.name());
            assertEquals(x.kind(), y.kind());
            assertEquals(x.sizeBytes(), y.sizeBytes());
        }
    }

    @Test
    void spoolIsPrivateAndLinksArtifactsInsteadOfCopying() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        ScriptedReporter blocked = new ScriptedReporter((e, n) -> {
            gate.await();
            return ReportOutcome.success();
        });
        Path original = artifact("heap_20260101-120000_e1.hprof", 4096);
        ReportDispatcher d = started(config(10, true), named("http", blocked));
        try {
            d.enqueue(event("e1", original));
            drive("spooled and in flight", () -> blocked.calls().size() == 1, d);
            Path entry = spoolEntries("http").get(0);
            assertEquals("rwx------", perms(spoolDir().resolve("http")));
            assertEquals("rwx------", perms(entry));
            assertEquals("rw-------", perms(entry.resolve("event.json")));
            Path linked = blocked.calls().get(0).event().artifacts().get(0).path();
            assertTrue(linked.startsWith(entry), linked.toString());
            assertTrue(Files.isSameFile(original, linked), "a hard link to the dump file, not a copy");
            assertEquals(4096 + Files.size(entry.resolve("event.json")), status(d, 0).spooledBytes());
        } finally {
            gate.countDown();
        }
    }

    private static String perms(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void fullSpoolRefusesNewEventsButNeverEvictsOldOnes() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        ScriptedReporter blocked = new ScriptedReporter((e, n) -> {
            gate.await();
            return ReportOutcome.success();
        });
        ReportConfig cfg = config(10, true).spool(new SpoolConfig(true, 25_000, spoolDir()));
        ReportDispatcher d = started(cfg, named("http", blocked));
        try {
            d.enqueue(event("e1", artifact("a1.jfr", 10_000)));
            Await.until("first event in flight", () -> blocked.calls().size() == 1);
            d.enqueue(event("e2", artifact("a2.jfr", 10_000)));
            d.enqueue(event("e3", artifact("a3.jfr", 10_000)));
            drive("the third event was refused", () -> status(d, 0).refusedSpoolFull() == 1, d);
            ReporterStatus s = status(d, 0);
            assertEquals(2, s.spooled(), "the older events stay");
            assertEquals(1, s.queued(), "the refused one waits in memory");
            assertEquals(2, spoolEntries("http").size());
            assertTrue(s.spooledBytes() <= 25_000);
            assertAccounted(s);
        } finally {
            gate.countDown();
        }
        drive("all three delivered", () -> status(d, 0).delivered() == 3, d);
        assertEquals(List.of("e1", "e2", "e3"), blocked.calledIds());
        assertEquals(0, status(d, 0).spooledBytes());
    }

    @Test
    void aReporterWhoseSettingsChangedKeepsItsSpoolQueueAndCounters() throws Exception {
        // an update that changes one of the reporter's settings brings a new instance under the same name
        ScriptedReporter down = new ScriptedReporter((e, n) -> {
            throw new IOException("Connection refused");
        });
        ReportConfig cfg = config(10, true).retry(fastRetry(2));
        ReportDispatcher d = started(cfg, named("http", down));
        d.enqueue(event("before"));
        drive("the old instance tried and failed", () -> status(d, 0).attempts() >= 1
                && status(d, 0).lastError() != null, d);
        assertEquals(1, spoolEntries("http").size());

        ScriptedReporter up = ScriptedReporter.succeeding();
        d.apply(List.of(named("http", up)), cfg, spoolDir());
        d.enqueue(event("after"));
        drive("the new instance delivers the waiting event and the new one", () -> status(d, 0).delivered() == 2, d);

        ReporterStatus s = status(d, 0);
        assertEquals(List.of("before", "after"), up.calledIds(), "each event once, in order, through the new instance");
        assertEquals(2, s.enqueued(), "the counters went on: " + s);
        assertEquals(0, s.recovered(), "nothing was handed over through the disk: " + s);
        assertEquals(ReporterStatus.SpoolState.OK, s.spoolState());
        assertEquals(List.of(), spoolEntries("http"));
        drive("the old instance is closed", down.closed::get, d);
        assertFalse(up.closed.get(), "the new instance is in use");
        assertAccounted(s);
    }

    @Test
    void theSameReporterInstanceChangesNothingAndNewSettingsApplyToTheChannel() throws Exception {
        ScriptedReporter r = ScriptedReporter.succeeding();
        ReportDispatcher d = started(config(10, true), named("http", r));
        d.enqueue(event("e1"));
        drive("delivered", () -> status(d, 0).delivered() == 1, d);
        d.apply(List.of(named("http", r)), config(10, true).callTimeout(Duration.ofSeconds(3)), spoolDir());
        d.enqueue(event("e2"));
        drive("delivered by the same channel", () -> status(d, 0).delivered() == 2, d);
        assertEquals(List.of("e1", "e2"), r.calledIds());
        assertEquals(2, status(d, 0).enqueued());
        assertFalse(r.closed.get(), "a reporter still configured is never closed");
    }

    @Test
    void aRemovedReporterIsFlushedAndClosedAndANewOneStartsBesideTheOthers() throws Exception {
        ScriptedReporter stays = ScriptedReporter.succeeding();
        ScriptedReporter leaves = ScriptedReporter.succeeding();
        ReportDispatcher d = started(config(10, true), named("stays", stays), named("leaves", leaves));
        d.enqueue(event("e1"));
        drive("both delivered", () -> status(d, 0).delivered() == 1 && status(d, 1).delivered() == 1, d);

        ScriptedReporter arrives = ScriptedReporter.succeeding();
        d.apply(List.of(named("stays", stays), named("arrives", arrives)), config(10, true), spoolDir());
        assertEquals(List.of("stays", "arrives"), d.status().stream().map(ReporterStatus::name).toList());
        d.enqueue(event("e2"));
        drive("the kept and the new reporter deliver", () -> status(d, 0).delivered() == 2
                && status(d, 1).delivered() == 1, d);
        drive("the removed one is closed and its worker gone", () -> leaves.closed.get()
                && !threadAlive("zprof-report-leaves"), d);
        assertEquals(List.of("e1"), leaves.calledIds());
        assertEquals(List.of("e2"), arrives.calledIds());
        assertEquals(2, status(d, 0).enqueued(), "the kept reporter's counters went on");
    }

    @Test
    void aNewSpoolSettingReplacesTheChannelAndItsEventsReachTheSpoolOnceTheOldOneReleasedIt() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        ScriptedReporter blocked = new ScriptedReporter((e, n) -> {
            gate.await();
            return ReportOutcome.success();
        });
        ReportConfig cfg = config(10, true).flushTimeout(Duration.ofMillis(200));
        ReportDispatcher d = started(cfg, named("http", blocked));
        ScriptedReporter next = ScriptedReporter.succeeding();
        try {
            d.enqueue(event("before"));
            Await.until("its call hangs", () -> blocked.calls().size() == 1, d::status);
            ReportConfig bigger = cfg.spool(new SpoolConfig(true, 128L * 1024 * 1024, spoolDir()));
            d.apply(List.of(named("http", next)), bigger, spoolDir());
            d.enqueue(event("during"));
            // the old channel gives up its hanging call at its flush deadline and leaves the event in the spool
            drive("the new channel delivers both once the old one released the spool",
                    () -> status(d, 0).delivered() == 2, d);
        } finally {
            gate.countDown();
        }
        assertEquals(List.of("before", "during"), next.calledIds(), "each once, the older first");
        assertEquals(1, status(d, 0).recovered(), "the old channel's event came through the spool");
        assertEquals(List.of(), spoolEntries("http"));
    }

    @Test
    void aSecondInstanceInTheJvmDoesNotWaitForAnotherOnesSpool() throws Exception {
        ReportDispatcher first = started(config(10, true), named("http", ScriptedReporter.succeeding()));
        // the spool is opened by each worker when it starts: the first must hold it before the second starts, or the
        // second's worker may get there first
        first.enqueue(event("e0"));
        drive("the first instance's worker took the spool and delivered", () -> status(first, 0).delivered() == 1, first);
        assertNull(status(first, 0).lastError(), "the first instance holds the spool");
        ScriptedReporter r2 = ScriptedReporter.succeeding();
        ReportDispatcher second = started(config(10, true), named("http", r2));
        drive("it says why it runs without the spool", () -> status(second, 0).lastError() != null, second);
        assertTrue(status(second, 0).lastError().contains("spool unavailable"), status(second, 0).lastError());
        second.enqueue(event("e1"));
        drive("and delivers from memory", () -> status(second, 0).delivered() == 1, second);
    }

    @Test
    void aSpoolDeletedWhileRunningIsRecreatedPrivateAndLaterEventsSurviveTheStop() throws Exception {
        ScriptedReporter down = new ScriptedReporter((e, n) -> {
            throw new IOException("Connection refused");
        });
        ReportDispatcher d = started(config(10, true).retry(fastRetry(1)), named("http", down));
        d.enqueue(event("before", artifact("cpu_before.jfr", 100)));
        drive("spooled", () -> status(d, 0).spooled() == 1, d);
        removeWhileRunning(spoolDir());

        d.enqueue(event("after", artifact("cpu_after.jfr", 100)));
        drive("the later event reached a recreated spool",
                () -> hasSpoolEntry("-after"), d);
        assertEquals("rwx------", perms(spoolDir()));
        assertEquals("rwx------", perms(spoolDir().resolve("http")));
        assertEquals(ReporterStatus.SpoolState.OK, status(d, 0).spoolState(), status(d, 0).toString());
        closeDriven(d);
        ReporterStatus s = status(d, 0);
        assertEquals(0, s.droppedOnClose(), "nothing held in memory only is lost at stop: " + s);
        assertTrue(spoolEntries("http").stream().anyMatch(p -> p.getFileName().toString().endsWith("-after")),
                "the later event stays for the next start");
        assertAccounted(s);
    }

    @Test
    void aBrokenSpoolIsShownInStatusAndHealedOnceItCanBeRecreated() throws Exception {
        ScriptedReporter down = new ScriptedReporter((e, n) -> {
            throw new IOException("Connection refused");
        });
        ReportDispatcher d = started(config(10, true).retry(fastRetry(1)), named("http", down));
        d.enqueue(event("e0"));
        drive("spooled", () -> status(d, 0).spooled() == 1, d);
        replaceWithAFileWhileRunning(spoolDir());

        d.enqueue(event("e1"));
        drive("the broken spool shows", () -> status(d, 0).spoolState() == ReporterStatus.SpoolState.BROKEN, d);
        drive("connect errors come after it", () -> status(d, 0).lastError().contains("Connection refused"), d);
        ReporterStatus broken = status(d, 0);
        assertNotNull(broken.spoolError(), "the spool's own error stays visible: " + broken);
        assertTrue(broken.spoolError().contains(spoolDir().toString()), broken.spoolError());
        assertEquals(1, broken.queued(), "held in memory meanwhile: " + broken);

        Files.delete(spoolDir());
        drive("the spool is recreated and the event held in memory written to it",
                () -> hasSpoolEntry("-e1") && status(d, 0).queued() == 0, d);
        drive("and the status says so", () -> status(d, 0).spoolState() == ReporterStatus.SpoolState.OK, d);
        assertNull(status(d, 0).spoolError());
        assertAccounted(status(d, 0));
    }

    @Test
    void aSpoolEntryNamingAFileOutsideItsDirectoryIsRefusedAndCounted() throws Exception {
        Path secret = Files.writeString(tmp.resolve("outside-secret.txt"), "not for upload");
        ScriptedReporter down = new ScriptedReporter((e, n) -> {
            throw new IOException("Connection refused");
        });
        ReportDispatcher first = started(config(10, true).retry(fastRetry(1)), named("http", down));
        first.enqueue(event("e1", artifact("cpu_a.jfr", 100), artifact("cpu_b.jfr", 100)));
        drive("spooled", () -> status(first, 0).spooled() == 1, first);
        closeDriven(first);
        Path eventJson = spoolEntries("http").get(0).resolve("event.json");
        String json = Files.readString(eventJson);
        json = json.replace("\"00-cpu_a.jfr\"", "\"" + secret.toAbsolutePath() + "\"")
                .replace("\"01-cpu_b.jfr\"", "\"../../../outside-secret.txt\"");
        Files.writeString(eventJson, json);

        ScriptedReporter up = ScriptedReporter.succeeding();
        ReportDispatcher second = started(config(10, true), named("http", up));
        drive("delivered", () -> status(second, 0).delivered() == 1, second);
        ReportEvent sent = up.calls().get(0).event();
        assertEquals(List.of(), sent.artifacts(), "neither file outside the entry is handed to the reporter");
        assertEquals(2, status(second, 0).refusedSpoolArtifacts());
    }

    private boolean hasSpoolEntry(String suffix) {
        try {
            return spoolEntries("http").stream().anyMatch(p -> p.getFileName().toString().endsWith(suffix));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Takes the directory away in one step, as {@code rm -rf} looks to the worker once done: deleting file by file
     * races the worker, which may write into the directory meanwhile ({@code DirectoryNotEmptyException}).
     */
    private void removeWhileRunning(Path dir) throws IOException {
        Files.move(dir, tmp.resolve("removed-" + System.nanoTime()));
    }

    /** Puts a file where the directory was; again if the worker heals the spool in between. */
    private void replaceWithAFileWhileRunning(Path dir) throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            if (Files.isDirectory(dir)) {
                removeWhileRunning(dir);
            }
            try {
                Files.writeString(dir, "a file where the spool directory was", StandardOpenOption.CREATE_NEW);
                return;
            } catch (FileAlreadyExistsException healedMeanwhile) {
                // the worker recreated the spool between the two steps: take it away again
            }
        }
        throw new AssertionError("the spool kept being recreated before a file could take its place");
    }

    @Test
    void eventsOlderThanMaxAgeAreGivenUpInsteadOfSent() throws Exception {
        ScriptedReporter r = ScriptedReporter.succeeding();
        ReportDispatcher d = started(config(10, true).retry(fastRetry(3).maxAge(Duration.ofDays(7))), named("http", r));
        Instant now = Instant.now();
        d.enqueue(event("stale", now.minus(Duration.ofDays(8)), artifact("cpu_stale.jfr", 100)));
        d.enqueue(event("fresh", now.minus(Duration.ofHours(1)), artifact("cpu_fresh.jfr", 100)));
        drive("fresh delivered, stale given up",
                () -> status(d, 0).delivered() == 1 && status(d, 0).failedPermanent() == 1, d);
        assertEquals(List.of("fresh"), r.calledIds(), "the stale event never reaches the reporter");
        ReporterStatus s = status(d, 0);
        assertTrue(s.lastError().contains("zprof.report.retry.maxage=PT168H"), s.lastError());
        assertEquals(List.of(), spoolEntries("http"), "its spool entry is deleted");
        assertAccounted(s);
    }

    @Test
    void unreadableSpoolEntriesAreDeletedAndCounted() throws Exception {
        Path bad = Files.createDirectories(spoolDir().resolve("http").resolve("0000000000000000007-broken"));
        Files.writeString(bad.resolve("event.json"), "{ not json");
        Path leftover = Files.createDirectories(spoolDir().resolve("http").resolve(".tmp-0000000000000000008-x"));
        ReportDispatcher d = started(config(10, true), named("http", ScriptedReporter.succeeding()));
        drive("the worker opened the spool", () -> status(d, 0).recovered() == 1, d);
        ReporterStatus s = status(d, 0);
        assertEquals(1, s.failedPermanent());
        assertFalse(Files.exists(bad));
        assertFalse(Files.exists(leftover), "half-written entries of a crashed run are removed");
        assertAccounted(s);
    }

    @Test
    void eachReporterHasItsOwnSpoolSubdirectory() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        ScriptedReporter.Behaviour wait = (e, n) -> {
            gate.await();
            return ReportOutcome.success();
        };
        ReportDispatcher d = started(config(10, true),
                named("http", new ScriptedReporter(wait)), named("pyroscope", new ScriptedReporter(wait)));
        try {
            d.enqueue(event("e1", artifact("cpu_e1.jfr", 100)));
            drive("spooled twice", () -> status(d, 0).spooled() == 1 && status(d, 1).spooled() == 1, d);
            assertEquals(1, spoolEntries("http").size());
            assertEquals(1, spoolEntries("pyroscope").size());
        } finally {
            gate.countDown();
        }
        drive("both delivered", () -> status(d, 0).delivered() == 1 && status(d, 1).delivered() == 1, d);
    }
}
