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
        Await.until("a failed round was recorded", () -> status(first, 0).attempts() >= 2, first::status);
        first.close();
        Await.until("the worker saved both and ended", () -> !threadAlive("zprof-report-http"), first::status);
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
        Await.until("both delivered after the restart", () -> status(second, 0).delivered() == 2, second::status);

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
            Await.until("spooled and in flight", () -> blocked.calls().size() == 1, d::status);
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
            Await.until("the third event was refused", () -> status(d, 0).refusedSpoolFull() == 1, d::status);
            ReporterStatus s = status(d, 0);
            assertEquals(2, s.spooled(), "the older events stay");
            assertEquals(1, s.queued(), "the refused one waits in memory");
            assertEquals(2, spoolEntries("http").size());
            assertTrue(s.spooledBytes() <= 25_000);
            assertAccounted(s);
        } finally {
            gate.countDown();
        }
        Await.until("all three delivered", () -> status(d, 0).delivered() == 3, d::status);
        assertEquals(List.of("e1", "e2", "e3"), blocked.calledIds());
        assertEquals(0, status(d, 0).spooledBytes());
    }

    @Test
    void aReconfiguredDispatcherTakesTheSpoolOverWhenThePreviousOneCloses() throws Exception {
        // the engine builds the new generation's dispatcher first and closes the old one after the swap
        ScriptedReporter down = new ScriptedReporter((e, n) -> {
            throw new IOException("Connection refused");
        });
        Object engine = new Object();
        ReportDispatcher old = startedFor(engine, config(10, true).retry(fastRetry(2)), named("http", down));
        old.enqueue(event("before"));
        Await.until("the old generation tried once", () -> status(old, 0).attempts() >= 1, old::status);

        ScriptedReporter up = ScriptedReporter.succeeding();
        ReportDispatcher next = startedFor(engine, config(10, true), named("http", up));
        next.enqueue(event("after"));
        Await.until("the new generation delivers from memory while the old one still holds the spool",
                () -> status(next, 0).delivered() == 1, next::status);
        old.close();

        Await.until("the old one's event, after the handover", () -> status(next, 0).delivered() == 2, next::status);
        ReporterStatus s = status(next, 0);
        assertEquals(null, s.lastError(), "the new generation spools: " + s);
        assertEquals(1, s.recovered(), "it picked up what the old one left in the spool");
        assertEquals(List.of("after", "before"), up.calledIds());
        assertEquals(List.of(), spoolEntries("http"));
        next.enqueue(event("later"));
        Await.until("a later event goes through the spool", () -> status(next, 0).delivered() == 3, next::status);
    }

    @Test
    void eventsHeldInMemoryDuringTheHandoverGoToTheSpoolOnceItIsHandedOver() throws Exception {
        Object engine = new Object();
        ReportDispatcher old = startedFor(engine, config(10, true), named("http", ScriptedReporter.succeeding()));
        ScriptedReporter down = new ScriptedReporter((e, n) -> {
            throw new IOException("Connection refused");
        });
        ReportDispatcher next = startedFor(engine, config(10, true).retry(fastRetry(2)), named("http", down));
        next.enqueue(event("during"));
        Await.until("an attempt from memory", () -> status(next, 0).attempts() >= 1, next::status);
        assertEquals(List.of(), spoolEntries("http"), "held in memory while the old configuration holds the spool");
        old.close();
        Await.until("written to the spool once it is handed over", () -> status(next, 0).spooled() == 1, next::status);
        next.close();
        assertEquals(1, spoolEntries("http").size(), "so it survives the stop");
    }

    @Test
    void aSecondInstanceInTheJvmDoesNotWaitForAnotherOnesSpool() throws Exception {
        ReportDispatcher first = started(config(10, true), named("http", ScriptedReporter.succeeding()));
        // the spool is opened by each worker when it starts: the first must hold it before the second starts, or the
        // second's worker may get there first
        first.enqueue(event("e0"));
        Await.until("the first instance's worker took the spool and delivered", () -> status(first, 0).delivered() == 1,
                first::status);
        assertNull(status(first, 0).lastError(), "the first instance holds the spool");
        ScriptedReporter r2 = ScriptedReporter.succeeding();
        ReportDispatcher second = started(config(10, true), named("http", r2));
        Await.until("it says why it runs without the spool", () -> status(second, 0).lastError() != null, second::status);
        assertTrue(status(second, 0).lastError().contains("spool unavailable"), status(second, 0).lastError());
        second.enqueue(event("e1"));
        Await.until("and delivers from memory", () -> status(second, 0).delivered() == 1, second::status);
    }

    @Test
    void aSpoolDeletedWhileRunningIsRecreatedPrivateAndLaterEventsSurviveTheStop() throws Exception {
        ScriptedReporter down = new ScriptedReporter((e, n) -> {
            throw new IOException("Connection refused");
        });
        ReportDispatcher d = started(config(10, true).retry(fastRetry(1)), named("http", down));
        d.enqueue(event("before", artifact("cpu_before.jfr", 100)));
        Await.until("spooled", () -> status(d, 0).spooled() == 1, d::status);
        removeWhileRunning(spoolDir());

        d.enqueue(event("after", artifact("cpu_after.jfr", 100)));
        Await.until("the later event reached a recreated spool",
                () -> hasSpoolEntry("-after"),
                d::status);
        assertEquals("rwx------", perms(spoolDir()));
        assertEquals("rwx------", perms(spoolDir().resolve("http")));
        assertEquals(ReporterStatus.SpoolState.OK, status(d, 0).spoolState(), status(d, 0).toString());
        d.close();
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
        Await.until("spooled", () -> status(d, 0).spooled() == 1, d::status);
        replaceWithAFileWhileRunning(spoolDir());

        d.enqueue(event("e1"));
        Await.until("the broken spool shows", () -> status(d, 0).spoolState() == ReporterStatus.SpoolState.BROKEN,
                d::status);
        Await.until("connect errors come after it", () -> status(d, 0).lastError().contains("Connection refused"),
                d::status);
        ReporterStatus broken = status(d, 0);
        assertNotNull(broken.spoolError(), "the spool's own error stays visible: " + broken);
        assertTrue(broken.spoolError().contains(spoolDir().toString()), broken.spoolError());
        assertEquals(1, broken.queued(), "held in memory meanwhile: " + broken);

        Files.delete(spoolDir());
        Await.until("the spool is recreated and the event held in memory written to it",
                () -> hasSpoolEntry("-e1") && status(d, 0).queued() == 0, d::status);
        Await.until("and the status says so", () -> status(d, 0).spoolState() == ReporterStatus.SpoolState.OK,
                d::status);
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
        Await.until("spooled", () -> status(first, 0).spooled() == 1, first::status);
        first.close();
        Path eventJson = spoolEntries("http").get(0).resolve("event.json");
        String json = Files.readString(eventJson);
        json = json.replace("\"00-cpu_a.jfr\"", "\"" + secret.toAbsolutePath() + "\"")
                .replace("\"01-cpu_b.jfr\"", "\"../../../outside-secret.txt\"");
        Files.writeString(eventJson, json);

        ScriptedReporter up = ScriptedReporter.succeeding();
        ReportDispatcher second = started(config(10, true), named("http", up));
        Await.until("delivered", () -> status(second, 0).delivered() == 1, second::status);
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
        Await.until("fresh delivered, stale given up",
                () -> status(d, 0).delivered() == 1 && status(d, 0).failedPermanent() == 1, d::status);
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
        Await.until("the worker opened the spool", () -> status(d, 0).recovered() == 1, d::status);
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
            Await.until("spooled twice", () -> status(d, 0).spooled() == 1 && status(d, 1).spooled() == 1, d::status);
            assertEquals(1, spoolEntries("http").size());
            assertEquals(1, spoolEntries("pyroscope").size());
        } finally {
            gate.countDown();
        }
        Await.until("both delivered", () -> status(d, 0).delivered() == 1 && status(d, 1).delivered() == 1, d::status);
    }
}
