package io.zprof.reporter.pyroscope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ReportConfig;
import io.zprof.api.config.RetryConfig;
import io.zprof.api.config.SpoolConfig;
import io.zprof.api.model.ArtifactRef;
import io.zprof.api.model.EventType;
import io.zprof.api.model.ReportEvent;
import io.zprof.core.internal.report.NamedReporter;
import io.zprof.core.internal.report.ReportDispatcher;
import io.zprof.core.status.ReporterStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Pyroscope reporter delivered by the engine's dispatcher, across a restart: two dispatcher and reporter
 * instances in sequence, on the same dump directory and spool, against MockWebServer.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PyroscopeRestartTest {
    @TempDir
    Path dumps;
    private MockWebServer server;
    /** The query's {@code from} of every upload received, in order. */
    private final List<String> uploads = new CopyOnWriteArrayList<>();
    private volatile int answer = 200;
    private final List<ReportDispatcher> open = new ArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                uploads.add(request.getUrl().queryParameter("from") + "/" + request.getUrl().queryParameter("sampleRate"));
                int code = uploads.size() == 1 ? 200 : answer;
                return new MockResponse.Builder().code(code).body(code == 422 ? "profile refused" : "").build();
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        open.forEach(ReportDispatcher::close);
        server.close();
    }

    private ReportDispatcher dispatcher(PyroscopeReporter reporter) {
        ReportConfig config = ReportConfig.defaults().flushTimeout(Duration.ofMillis(500))
                .retry(new RetryConfig(2, Duration.ofMillis(1), Duration.ofMillis(20), Duration.ofSeconds(10), Duration.ZERO))
                .spool(new SpoolConfig(true, 64L * 1024 * 1024, dumps.resolve(".spool")));
        ReportDispatcher d = new ReportDispatcher(List.of(new NamedReporter("pyroscope", reporter)), config,
                dumps.resolve(".spool"), r -> {
                    Thread t = new Thread(r);
                    t.setDaemon(true);
                    return t;
                }, Clock.systemUTC());
        open.add(d);
        d.start();
        return d;
    }

    private PyroscopeReporter reporter() {
        return new PyroscopeReporter(PyroscopeReporterConfig.builder().url(server.url("/").toString()).build(), false,
                dumps.resolve(PyroscopeReporter.STATE_FILE));
    }

    private ReportEvent trigger(String id) throws IOException {
        Path first = JfrRecordings.executionSamples(dumps.resolve("cpu_20260301-101530_1.jfr"), Duration.ofMillis(10),
                Duration.ofMillis(400));
        Path second = JfrRecordings.executionSamples(dumps.resolve("cpu_20260301-101531_2.jfr"), Duration.ofMillis(20),
                Duration.ofMillis(400));
        Instant now = Instant.now();
        return ReportEvent.builder().eventId(id).type(EventType.TRIGGER).time(now).rule("cpu").value(91.5)
                .average(40.0).reason("cpu 91.5% > abs 80%").labels(Map.of("app", "svc"))
                .artifacts(List.of(ref(first), ref(second))).from(now.minusSeconds(30)).until(now).build();
    }

    private static ArtifactRef ref(Path p) throws IOException {
        return new ArtifactRef(p.getFileName().toString(), "cpu", p, Files.size(p));
    }

    private static void await(String what, BooleanSupplier condition, Object state) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("never happened: " + what + " " + state);
            }
            Thread.sleep(5);
        }
    }

    @Test
    void aRecordingAcceptedBeforeARestartIsNotUploadedAgainByTheNextProcess() throws Exception {
        ReportEvent event = trigger("e1");
        // the first process: Pyroscope accepts the first recording and then fails
        answer = 503;
        ReportDispatcher first = dispatcher(reporter());
        first.enqueue(event);
        await("the second recording failed", () -> uploads.size() >= 2, uploads);
        first.close();
        ReporterStatus s1 = first.status().get(0);
        assertEquals(1, s1.spooled(), "the event waits in the spool: " + s1);
        String acceptedUpload = uploads.get(0);
        assertTrue(uploads.stream().skip(1).noneMatch(acceptedUpload::equals), "not resent while running: " + uploads);
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dumps.resolve(PyroscopeReporter.STATE_FILE))));

        // the next process retries the spooled event
        answer = 200;
        int before = uploads.size();
        ReportDispatcher second = dispatcher(reporter());
        await("delivered after the restart", () -> second.status().get(0).delivered() == 1, second.status());
        List<String> afterRestart = uploads.subList(before, uploads.size());
        assertEquals(1, afterRestart.size(), "only the recording not accepted yet: " + afterRestart);
        assertTrue(!afterRestart.contains(acceptedUpload), "the accepted one is not counted twice: " + uploads);
    }

    @Test
    void aReporterBuiltBeforeAnotherAcceptedARecordingDoesNotSendItAgain() throws Exception {
        // as after update(): the new configuration's reporter exists while the old one still delivers
        PyroscopeReporter later = reporter();
        PyroscopeReporter earlier = reporter();
        ReportEvent event = trigger("e3");
        answer = 503;
        try {
            earlier.report(event);
        } catch (IOException expected) {
            // the second recording failed; the first was accepted
        }
        assertEquals(2, uploads.size(), uploads::toString);
        String acceptedUpload = uploads.get(0);
        answer = 200;
        later.report(event);
        assertEquals(List.of(acceptedUpload, uploads.get(1), uploads.get(1)), uploads,
                "the later reporter sends only the recording not accepted yet");
        // and its rewrite of the state file keeps what the earlier one recorded
        reporter().report(event);
        assertEquals(3, uploads.size(), () -> "a third reporter finds both accepted: " + uploads);
    }

    @Test
    void aFinalRefusalIsLoggedOnce() throws Exception {
        Path only = JfrRecordings.executionSamples(dumps.resolve("cpu_20260301-101532_3.jfr"), Duration.ofMillis(10),
                Duration.ofMillis(400));
        Instant now = Instant.now();
        ReportEvent event = ReportEvent.builder().eventId("e2").type(EventType.TRIGGER).time(now).rule("cpu")
                .value(91.5).average(40.0).reason("r").labels(Map.of("app", "svc")).artifacts(List.of(ref(only)))
                .from(now.minusSeconds(30)).until(now).build();
        uploads.add("the first upload is accepted; this one is refused");
        answer = 422;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream previous = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            ReportDispatcher d = dispatcher(reporter());
            d.enqueue(event);
            await("given up", () -> d.status().get(0).failedPermanent() == 1, d.status());
            d.close();
        } finally {
            System.setErr(previous);
        }
        String text = log.toString(StandardCharsets.UTF_8);
        long lines = text.lines().filter(l -> l.contains("HTTP 422")).count();
        assertEquals(1, lines, "one WARN line for the refusal: " + text);
    }
}
