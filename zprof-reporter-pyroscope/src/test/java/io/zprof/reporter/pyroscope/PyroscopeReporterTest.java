package io.zprof.reporter.pyroscope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.model.ArtifactRef;
import io.zprof.api.model.EventType;
import io.zprof.api.model.ReportEvent;
import io.zprof.api.model.ReportOutcome;
import io.zprof.api.port.ReportException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Pyroscope reporter against okhttp's MockWebServer: every request-level point of the conformance checklist in
 * pyroscope-ingest.md §11 is checked on the recorded request, and the uploaded part is parsed back with
 * {@code jdk.jfr.consumer}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PyroscopeReporterTest {
    private static final Pattern NAME = Pattern.compile(
            "^[A-Za-z0-9_./-]+(\\{([A-Za-z0-9_.]+=[^,}]*)(,[A-Za-z0-9_.]+=[^,}]*)*\\})?$");
    private static final Pattern SUFFIX = Pattern.compile("^[^{]*\\.(cpu|itimer|wall|alloc|lock)(\\{.*)?$");

    @TempDir
    static Path recordings;
    static Path jfr10ms;
    static Path jfr20ms;

    @TempDir
    Path tmp;
    private MockWebServer server;
    private PyroscopeReporter reporter;

    @BeforeAll
    static void record() throws IOException {
        jfr10ms = JfrRecordings.executionSamples(recordings.resolve("cpu_10ms.jfr"), Duration.ofMillis(10),
                Duration.ofMillis(400));
        jfr20ms = JfrRecordings.executionSamples(recordings.resolve("cpu_20ms.jfr"), Duration.ofMillis(20),
                Duration.ofMillis(400));
    }

    @BeforeEach
    void startServer() throws IOException {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() {
        if (reporter != null) {
            reporter.close();
        }
        server.close();
    }

    private PyroscopeReporterConfig.Builder config() {
        return PyroscopeReporterConfig.builder().url(server.url("/").toString()).readTimeout(Duration.ofSeconds(5));
    }

    private PyroscopeReporter reporter(PyroscopeReporterConfig.Builder b) {
        reporter = new PyroscopeReporter(b.build());
        return reporter;
    }

    private static MockResponse status(int code) {
        return new MockResponse.Builder().code(code).build();
    }

    /** A trigger whose capture window ends now, with the given artifacts (copied under their dump-style names). */
    private ReportEvent trigger(String id, Path... jfrs) throws IOException {
        Instant now = Instant.now();
        List<ArtifactRef> refs = new ArrayList<>();
        int i = 0;
        for (Path p : jfrs) {
            String name = "cpu_20260301-101530_" + id + "_" + i++ + "." + extension(p);
            Path copy = Files.copy(p, tmp.resolve(name));
            refs.add(new ArtifactRef(name, "cpu", copy, Files.size(copy)));
        }
        return ReportEvent.builder().eventId(id).type(EventType.TRIGGER).time(now).rule("cpu").value(91.5)
                .average(40.0).reason("cpu 91.5% > abs 80%").thresholds(Map.of("abs", 80.0))
                .labels(Map.of("app", "checkout-service", "env", "prod")).artifacts(refs).from(now.minusSeconds(30))
                .until(now).build();
    }

    private static String extension(Path p) {
        String n = p.getFileName().toString();
        return n.substring(n.lastIndexOf('.') + 1);
    }

    @Test
    void requestConformsToTheIngestSpecWithGzipAndBasicAuth() throws Exception {
        server.enqueue(status(200));
        ReportEvent event = trigger("e1", jfr10ms);
        ReportOutcome outcome = reporter(config().username("123456").password("glc_example")).report(event);
        assertTrue(outcome.delivered());

        RecordedRequest r = server.takeRequest(10, TimeUnit.SECONDS);
        assertConformant(r, event, 100);
        assertEquals("Basic " + Base64.getEncoder().encodeToString("123456:glc_example".getBytes(StandardCharsets.UTF_8)),
                r.getHeaders().get("Authorization"));
        assertNull(r.getHeaders().get("X-Scope-OrgID"), "exactly one auth mechanism, as configured");
        byte[] jfr = uploadedJfr(r);
        assertEquals(0x1f, r.getBody().toByteArray()[indexOfPartBody(r)] & 0xff, "gzip on: the part starts 1F 8B");
        assertTrue(jfr.length > 0);
    }

    @Test
    void uncompressedUploadWithTenantCarriesTheFileByteForByteAtItsOwnRate() throws Exception {
        server.enqueue(status(200));
        ReportEvent event = trigger("e2", jfr20ms);
        reporter(config().gzip(false).tenant("team-a")).report(event);

        RecordedRequest r = server.takeRequest(10, TimeUnit.SECONDS);
        assertConformant(r, event, 50);
        assertEquals("team-a", r.getHeaders().get("X-Scope-OrgID"));
        assertNull(r.getHeaders().get("Authorization"));
        assertArrayEquals(Files.readAllBytes(jfr20ms), uploadedJfr(r), "raw JFR, byte for byte");
    }

    @Test
    void noAuthAtAllWhenNoneIsConfigured() throws Exception {
        server.enqueue(status(200));
        ReportEvent event = trigger("e3", jfr10ms);
        reporter(config().header("X-Team", "checkout")).report(event);
        RecordedRequest r = server.takeRequest(10, TimeUnit.SECONDS);
        assertConformant(r, event, 100);
        assertNull(r.getHeaders().get("Authorization"));
        assertNull(r.getHeaders().get("X-Scope-OrgID"));
        assertEquals("checkout", r.getHeaders().get("X-Team"));
    }

    @Test
    void everyUploadCarriesTheEventIdAndTheReleasedVersionInItsUserAgent() throws Exception {
        server.enqueue(status(200));
        ReportEvent event = trigger("e-ua", jfr10ms);
        reporter(config()).report(event);
        RecordedRequest r = server.takeRequest(10, TimeUnit.SECONDS);
        assertEquals("e-ua", r.getHeaders().get("X-Zprof-Event-Id"), "docs/reporters.md: on every request");
        String version = System.getProperty("zprof.expectedVersion");
        assertNotNull(version, "surefire passes the project version");
        assertEquals("zprof-reporter-pyroscope/" + version, r.getHeaders().get("User-Agent"));
    }

    /** pyroscope-ingest.md §11, request level. */
    private static void assertConformant(RecordedRequest r, ReportEvent event, int expectedRate) throws IOException {
        assertEquals("POST", r.getMethod());
        HttpUrl url = r.getUrl();
        assertTrue(url.encodedPath().endsWith("/ingest"), url.encodedPath());

        assertEquals("jfr", url.queryParameter("format"));
        String name = url.queryParameter("name");
        assertTrue(NAME.matcher(name).matches(), "name grammar: " + name);
        assertFalse(SUFFIX.matcher(name).matches(), "no .cpu-style suffix: " + name);
        assertFalse(name.contains(event.eventId()), "no unique ids in labels: " + name);
        String rawQuery = r.getTarget().substring(r.getTarget().indexOf('?') + 1);
        assertFalse(rawQuery.contains("{") || rawQuery.contains("}"), "{ } percent-encoded: " + rawQuery);
        assertTrue(rawQuery.contains("%7B"), rawQuery);

        String from = url.queryParameter("from");
        String until = url.queryParameter("until");
        assertTrue(from.matches("\\d{10}") && until.matches("\\d{10}"), from + " " + until);
        long fromS = Long.parseLong(from);
        long now = Instant.now().getEpochSecond();
        assertTrue(fromS <= Long.parseLong(until));
        assertTrue(now - 3600 < fromS && fromS < now + 600, "inside the ingestion window: " + fromS);
        JfrProfile recorded = JfrProfile.read(event.artifacts().get(0).path());
        assertEquals(recorded.start().getEpochSecond(), fromS, "the recording's own period, not the event's");
        assertEquals(recorded.end().getEpochSecond(), Long.parseLong(until));

        String rate = url.queryParameter("sampleRate");
        assertTrue(rate.matches("\\d+") && Integer.parseInt(rate) > 0, rate);
        assertEquals(expectedRate, Integer.parseInt(rate), "round(1000 / recorded ExecutionSample period ms)");
        assertEquals("javaspy", url.queryParameter("spyName"));

        String contentType = r.getHeaders().get("Content-Type");
        assertTrue(contentType.startsWith("multipart/form-data") && contentType.contains("boundary="), contentType);
        assertNull(r.getHeaders().get("Content-Encoding"), "never Content-Encoding on the request");

        List<Part> parts = parts(r);
        assertEquals(1, parts.stream().filter(p -> p.disposition().contains("name=\"jfr\"")).count());
        assertEquals(0, parts.stream().filter(p -> p.disposition().contains("name=\"labels\"")).count(),
                "no labels part for JDK JFR");
        Part jfr = parts.get(0);
        assertTrue(jfr.disposition().matches("form-data; name=\"jfr\"; filename=\"[^\"]+\""), jfr.disposition());
        assertTrue(jfr.body().length > 0);
        assertTrue(jfr.body().length <= 4 * 1024 * 1024);

        byte[] plain = gunzipIfNeeded(jfr.body());
        assertEquals(0x464C5200, ByteBuffer.wrap(plain).getInt(0), "FLR\\0 magic");
        assertEquals(2, ByteBuffer.wrap(plain).getShort(4), "JFR major version 2");
        long pos = 0;
        while (pos < plain.length) {
            assertEquals(0x464C5200, ByteBuffer.wrap(plain).getInt((int) pos), "chunk magic at " + pos);
            long size = ByteBuffer.wrap(plain).getLong((int) pos + 8);
            assertTrue(size > 0);
            pos += size;
        }
        assertEquals(plain.length, pos, "chunk sizes tile the file exactly");
        assertTrue(executionSamples(plain) >= 1, "at least one supported event");
    }

    private byte[] uploadedJfr(RecordedRequest r) throws IOException {
        return gunzipIfNeeded(parts(r).get(0).body());
    }

    private static byte[] gunzipIfNeeded(byte[] part) throws IOException {
        if ((part[0] & 0xff) == 0x1f && (part[1] & 0xff) == 0x8b) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(part))) {
                return in.readAllBytes();
            }
        }
        return part;
    }

    private static long executionSamples(byte[] jfr) throws IOException {
        Path f = Files.createTempFile("uploaded", ".jfr");
        try {
            Files.write(f, jfr);
            long n = 0;
            try (RecordingFile rf = new RecordingFile(f)) {
                while (rf.hasMoreEvents()) {
                    RecordedEvent e = rf.readEvent();
                    if (e.getEventType().getName().equals("jdk.ExecutionSample")) {
                        n++;
                    }
                }
            }
            return n;
        } finally {
            Files.delete(f);
        }
    }

    /** One multipart part. */
    record Part(String disposition, byte[] body) {
    }

    private static List<Part> parts(RecordedRequest r) {
        String contentType = r.getHeaders().get("Content-Type");
        String boundary = contentType.substring(contentType.indexOf("boundary=") + 9);
        byte[] body = r.getBody().toByteArray();
        String latin = new String(body, StandardCharsets.ISO_8859_1);
        List<Part> parts = new ArrayList<>();
        String delimiter = "--" + boundary;
        int pos = latin.indexOf(delimiter);
        while (!latin.startsWith(delimiter + "--", pos)) {
            int headersStart = pos + delimiter.length() + 2;
            int headersEnd = latin.indexOf("\r\n\r\n", headersStart);
            String disposition = "";
            for (String h : latin.substring(headersStart, headersEnd).split("\r\n")) {
                if (h.toLowerCase().startsWith("content-disposition:")) {
                    disposition = h.substring(h.indexOf(':') + 1).trim();
                }
            }
            int next = latin.indexOf(delimiter, headersEnd + 4);
            byte[] content = new byte[next - 2 - (headersEnd + 4)];
            System.arraycopy(body, headersEnd + 4, content, 0, content.length);
            parts.add(new Part(disposition, content));
            pos = next;
        }
        return parts;
    }

    private static int indexOfPartBody(RecordedRequest r) {
        String latin = new String(r.getBody().toByteArray(), StandardCharsets.ISO_8859_1);
        return latin.indexOf("\r\n\r\n") + 4;
    }

    @Test
    void seriesNameCarriesStaticLabelsAndTheTriggerButNoIds() throws Exception {
        server.enqueue(status(200));
        ReportEvent e = trigger("e4", jfr10ms);
        ReportEvent labelled = e.toBuilder().rule("memory")
                .labels(Map.of("app", "checkout-service", "env", "prod", "bad", "a,b")).error(null).build();
        reporter(config().label("region", "eu-west-1")).report(labelled);
        String name = server.takeRequest(10, TimeUnit.SECONDS).getUrl().queryParameter("name");
        assertEquals("checkout-service{env=prod,region=eu-west-1,trigger=memory}", name,
                "app label became the service name; a value with a comma was left out");
    }

    @Test
    void configuredAppWinsAndDefaultIsZprof() throws Exception {
        server.enqueue(status(200));
        server.enqueue(status(200));
        ReportEvent e = trigger("e5", jfr10ms);
        reporter(config().app("payments")).report(e);
        assertEquals("payments{app=checkout-service,env=prod,trigger=cpu}",
                server.takeRequest(10, TimeUnit.SECONDS).getUrl().queryParameter("name"));
        reporter.close();

        ReportEvent noApp = ReportEvent.builder().eventId("e6").type(EventType.PROFILE_CHUNK).time(e.time())
                .rule("profile").value(0).average(Double.NaN).reason("").artifacts(e.artifacts()).from(e.from())
                .until(e.until()).build();
        reporter(config()).report(noApp);
        assertEquals("zprof", server.takeRequest(10, TimeUnit.SECONDS).getUrl().queryParameter("name"),
                "profile chunks carry no trigger label");
    }

    @Test
    void basePathIsKept() throws Exception {
        server.enqueue(status(200));
        reporter = new PyroscopeReporter(PyroscopeReporterConfig.builder().url(server.url("/pyroscope/").toString())
                .build());
        reporter.report(trigger("e7", jfr10ms));
        assertEquals("/pyroscope/ingest", server.takeRequest(10, TimeUnit.SECONDS).getUrl().encodedPath());
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504})
    void transientAnswersAreRetryable(int code) throws Exception {
        server.enqueue(new MockResponse.Builder().code(code).addHeader("Retry-After", "7")
                .body("{\"code\":\"resource_exhausted\",\"message\":\"rate limited\"}").build());
        ReportException e = assertThrows(ReportException.class, () -> reporter(config()).report(trigger("x", jfr10ms)));
        assertTrue(e.retryable(), e.getMessage());
        assertEquals(Duration.ofSeconds(7), e.retryAfter());
        assertTrue(e.getMessage().contains("rate limited"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 405, 413, 422})
    void permanentAnswersAreFinal(int code) throws Exception {
        server.enqueue(new MockResponse.Builder().code(code).body("{\"code\":\"invalid_argument\"}").build());
        ReportException e = assertThrows(ReportException.class, () -> reporter(config()).report(trigger("x", jfr10ms)));
        assertFalse(e.retryable(), e.getMessage());
        assertTrue(e.getMessage().startsWith("HTTP " + code), e.getMessage());
    }

    @Test
    void networkErrorIsAPlainRetryableIoException() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        reporter = new PyroscopeReporter(PyroscopeReporterConfig.builder().url("http://127.0.0.1:" + port)
                .connectTimeout(Duration.ofSeconds(2)).build());
        IOException e = assertThrows(IOException.class, () -> reporter.report(trigger("x", jfr10ms)));
        assertFalse(e instanceof ReportException);
    }

    @Test
    void capturesOlderThanTheIngestionWindowAreDroppedWithoutARequest() throws Exception {
        ReportEvent e = trigger("old", jfr10ms);
        // two hours from now, the recording is two hours old
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofHours(2));
        PyroscopeReporter narrow = new PyroscopeReporter(config().build(), later);
        try {
            ReportException ex = assertThrows(ReportException.class, () -> narrow.report(e));
            assertFalse(ex.retryable(), "retrying later never helps");
            assertTrue(ex.getMessage().contains("ingestion window"), ex.getMessage());
            assertEquals(0, server.getRequestCount());
        } finally {
            narrow.close();
        }

        PyroscopeReporter wide = new PyroscopeReporter(config().ingestionWindow(Duration.ofHours(3)).build(), later);
        server.enqueue(status(200));
        try {
            assertTrue(wide.report(e).delivered(), "a server with a wider window gets it");
        } finally {
            wide.close();
        }
    }

    @Test
    void eventsWithoutJfrAreSkipped() throws Exception {
        Path txt = Files.writeString(tmp.resolve("threads_20260301-101530_e8.txt"), "\"main\" #1");
        ReportEvent e = trigger("e8");
        ReportEvent withText = e.toBuilder()
                .artifacts(List.of(new ArtifactRef(txt.getFileName().toString(), "threads", txt, Files.size(txt))))
                .error(null).build();
        ReportOutcome outcome = reporter(config()).report(withText);
        assertFalse(outcome.delivered());
        assertEquals("no JFR artifact", outcome.detail());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void recordingsWithoutProfileEventsAreSkipped() throws Exception {
        Path threads = JfrRecordings.withoutProfileEvents(tmp.resolve("threadcreate.jfr"));
        ReportOutcome outcome = reporter(config()).report(trigger("e9", threads));
        assertFalse(outcome.delivered());
        assertTrue(outcome.detail().startsWith("no events Pyroscope can use"), outcome.detail());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void aBrokenJfrIsAFinalFailure() throws Exception {
        Path fake = Files.writeString(tmp.resolve("fake.jfr"), "definitely not FLR");
        ReportException e = assertThrows(ReportException.class, () -> reporter(config()).report(trigger("e10", fake)));
        assertFalse(e.retryable());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void anAllocationProfileIsSentInObjectsAsThePyroscopeAgentDoes() throws Exception {
        Path alloc = JfrRecordings.asyncProfiler(tmp.resolve("alloc-source.jfr"), "alloc=1k");
        Path copy = Files.copy(alloc, tmp.resolve("alloc_20260301-101530_e12.jfr"));
        Instant now = Instant.now();
        ReportEvent e = ReportEvent.builder().eventId("e12").type(EventType.TRIGGER).time(now).rule("memory")
                .value(91.5).average(40.0).reason("memory").thresholds(Map.of("abs", 80.0)).labels(Map.of("app", "a"))
                .artifacts(List.of(new ArtifactRef(copy.getFileName().toString(), "alloc", copy, Files.size(copy))))
                .from(now.minusSeconds(30)).until(now).build();
        server.enqueue(status(200));
        ReportOutcome outcome = reporter(config()).report(e);
        assertTrue(outcome.delivered(), outcome::toString);
        HttpUrl url = server.takeRequest(10, TimeUnit.SECONDS).getUrl();
        assertEquals("objects", url.queryParameter("units"));
        assertEquals("sum", url.queryParameter("aggregationType"));
    }

    @Test
    void oneRequestPerJfrAndARetrySendsOnlyWhatWasNotAccepted() throws Exception {
        ReportEvent e = trigger("e11", jfr10ms, jfr20ms);
        server.enqueue(status(200));
        server.enqueue(new MockResponse.Builder().code(503).build());
        reporter(config());
        assertThrows(ReportException.class, () -> reporter.report(e));
        assertEquals(2, server.getRequestCount());
        assertEquals("100", server.takeRequest(10, TimeUnit.SECONDS).getUrl().queryParameter("sampleRate"));
        assertEquals("50", server.takeRequest(10, TimeUnit.SECONDS).getUrl().queryParameter("sampleRate"));

        server.enqueue(status(200));
        assertTrue(reporter.report(e).delivered());
        assertEquals(3, server.getRequestCount(), "the first recording was not sent twice");
        assertEquals("50", server.takeRequest(10, TimeUnit.SECONDS).getUrl().queryParameter("sampleRate"));
    }

    @Test
    void aRecordingRefusedForGoodDoesNotHoldBackTheNext() throws Exception {
        ReportEvent e = trigger("e12", jfr10ms, jfr20ms);
        server.enqueue(status(422));
        server.enqueue(status(200));
        reporter(config());
        assertTrue(reporter.report(e).delivered(), "the second recording was accepted");
        assertEquals(2, server.getRequestCount(), "the one after the refused recording was still sent");

        reporter.close();
        // a fresh reporter: this one would leave the second recording out, its samples being uploaded already
        ReportEvent both = trigger("e13", jfr10ms, jfr20ms);
        server.enqueue(status(422));
        server.enqueue(status(413));
        ReportException e2 = assertThrows(ReportException.class, () -> reporter(config()).report(both));
        assertFalse(e2.retryable(), "nothing was accepted and nothing will be: a final failure");
        assertEquals(4, server.getRequestCount(), "both recordings were tried");
    }

    @Test
    void fromAndUntilAreTheRecordingsOwnWhateverTheEventSays() throws Exception {
        server.enqueue(status(200));
        server.enqueue(status(200));
        ReportEvent e = trigger("e12", jfr10ms);
        // a trigger with the pre-trigger window on covers minutes before the trigger; a chunk's period is its tick's
        ReportEvent wide = e.toBuilder().error(null).from(e.time().minus(Duration.ofMinutes(30))).until(e.time())
                .build();
        ReportEvent untimed = e.toBuilder().eventId("e13").error(null).from(null).until(null).build();
        reporter(config()).report(wide);
        reporter.close();
        // a second reporter: this one would now leave the same samples out (next test)
        reporter(config()).report(untimed);
        JfrProfile p = JfrProfile.read(jfr10ms);
        for (int i = 0; i < 2; i++) {
            HttpUrl url = server.takeRequest(10, TimeUnit.SECONDS).getUrl();
            assertEquals(Long.toString(p.start().getEpochSecond()), url.queryParameter("from"));
            assertEquals(Long.toString(p.end().getEpochSecond()), url.queryParameter("until"));
        }
    }

    @Test
    void aRecordingOverlappingOneAlreadyUploadedIsLeftOut() throws Exception {
        server.enqueue(status(200));
        reporter(config());
        assertTrue(reporter.report(trigger("e20", jfr10ms)).delivered());
        // the same seconds again: a second rule's capture, or a pre-trigger window reaching back over the first
        ReportOutcome again = reporter.report(trigger("e21", jfr10ms));
        assertFalse(again.delivered());
        assertTrue(again.detail().startsWith("already uploaded in an earlier recording"), again.detail());
        assertEquals(1, server.getRequestCount(), "Pyroscope would have counted those samples twice");

        server.enqueue(status(200));
        assertTrue(reporter.report(trigger("e22", jfr20ms)).delivered(), "a recording of other seconds still goes");
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void withContinuousProfilingTriggeredCapturesGoToAServiceOfTheirOwn() throws Exception {
        ReportEvent trigger = trigger("e23", jfr10ms);
        ReportEvent chunk = ReportEvent.builder().eventId("e24").type(EventType.PROFILE_CHUNK).time(trigger.time())
                .rule("profile").value(Double.NaN).average(Double.NaN).reason("continuous profiling")
                .artifacts(trigger.artifacts()).from(trigger.from()).until(trigger.until()).build();
        server.enqueue(status(200));
        server.enqueue(status(200));
        reporter = new PyroscopeReporter(config().build(), true);
        assertTrue(reporter.report(chunk).delivered());
        assertTrue(reporter.report(trigger).delivered(), "the same seconds, but not the same service");
        assertEquals("zprof", server.takeRequest(10, TimeUnit.SECONDS).getUrl().queryParameter("name"));
        assertEquals("checkout-service-triggers{env=prod,trigger=cpu}",
                server.takeRequest(10, TimeUnit.SECONDS).getUrl().queryParameter("name"),
                "the service's own profile counts each sample once; the captures stay browsable");
    }

    @Test
    void closedReporterKeepsEventsForLater() throws Exception {
        reporter(config()).close();
        ReportException e = assertThrows(ReportException.class, () -> reporter.report(trigger("e13", jfr10ms)));
        assertTrue(e.retryable());
    }
}
