package io.zprof.reporter.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zprof.api.model.ReportEvent;
import io.zprof.api.model.ReportOutcome;
import io.zprof.api.port.ReportException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The HTTP reporter against a real loopback server: payloads, auth, status mapping and network faults. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpReporterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dumps;

    private final RecordingServer server;
    private HttpReporter reporter;

    HttpReporterTest() throws IOException {
        server = RecordingServer.start();
    }

    @AfterEach
    void stop() {
        if (reporter != null) {
            reporter.close();
        }
        server.close();
    }

    private HttpReporter reporter(HttpReporterConfig.Builder b) {
        reporter = new HttpReporter(b.build());
        return reporter;
    }

    private HttpReporterConfig.Builder config(String path) {
        return HttpReporterConfig.builder().url(server.url(path)).readTimeout(Duration.ofSeconds(5));
    }

    private Path artifact(String name, int size) throws IOException {
        byte[] b = new byte[size];
        new java.util.Random(size).nextBytes(b);
        return Files.write(dumps.resolve(name), b);
    }

    @Test
    void postsTheEventAsJson() throws Exception {
        Path jfr = artifact("cpu_20260301-101530_e1.jfr", 3000);
        ReportEvent e = TestEvents.event("e1", jfr);
        ReportOutcome outcome = reporter(config("/events")).report(e);
        assertTrue(outcome.delivered());

        RecordingServer.Received r = server.take();
        assertEquals("POST", r.method());
        assertEquals("/events", r.path());
        assertEquals("application/json; charset=utf-8", r.header("Content-Type"));
        assertEquals("e1", r.header("X-Zprof-Event-Id"));
        assertTrue(r.header("User-Agent").startsWith("zprof-reporter-http/"), r.header("User-Agent"));
        assertNull(r.header("Authorization"));
        JsonNode doc = JSON.readTree(r.body());
        assertEquals("e1", doc.get("eventId").asText());
        assertEquals("trigger", doc.get("type").asText());
        assertEquals("2026-03-01T10:15:30Z", doc.get("time").asText());
        assertEquals("cpu", doc.get("rule").asText());
        assertEquals(91.5, doc.get("value").asDouble());
        assertEquals(40.25, doc.get("average").asDouble());
        assertEquals("cpu 91.5% > abs 80%", doc.get("reason").asText());
        assertEquals(80.0, doc.get("thresholds").get("abs").asDouble());
        assertEquals("checkout", doc.get("labels").get("app").asText());
        assertEquals("2026-03-01T10:15:00Z", doc.get("from").asText());
        assertEquals("2026-03-01T10:15:40Z", doc.get("until").asText());
        assertEquals("cpu_20260301-101530_e1.jfr", doc.get("artifacts").get(0).get("name").asText());
        assertEquals(3000, doc.get("artifacts").get(0).get("sizeBytes").asLong());
        assertTrue(doc.get("error").isNull());
    }

    @Test
    void jsonMarksAMissingAverageAndACaptureErrorExplicitly() throws Exception {
        ReportEvent e = TestEvents.event("e2");
        ReportEvent failed = e.toBuilder().rule("memory").value(97).average(Double.NaN).artifacts(List.of())
                .error("heap dump skipped: 3 GiB free, 4 GiB needed").from(null).until(null).build();
        reporter(config("/events")).report(failed);
        JsonNode doc = JSON.readTree(server.take().body());
        assertTrue(doc.get("average").isNull());
        assertTrue(doc.get("from").isNull());
        assertEquals("heap dump skipped: 3 GiB free, 4 GiB needed", doc.get("error").asText());
        assertEquals(0, doc.get("artifacts").size());
    }

    @Test
    void aThirdPartysMetricIsNamedInTheJsonAndThePrometheusText() throws Exception {
        ReportEvent e = TestEvents.event("e9");
        ReportEvent pool = new ReportEvent(e.eventId(), e.type(), e.time(), "poolbusy", 48, 12, "sustained",
                Map.of("threshold", 40.0), e.labels(), List.of(), null, e.from(), e.until(), "pool.active");
        reporter(config("/events")).report(pool);
        JsonNode doc = JSON.readTree(server.take().body());
        assertEquals("pool.active", doc.get("metric").asText());
        assertEquals("poolbusy", doc.get("rule").asText());

        reporter.close();
        reporter(config("/metrics").format(HttpReporterConfig.Format.PROMETHEUS)).report(pool);
        String text = new String(server.take().body(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.contains("zprof_event_value{type=\"trigger\",metric=\"pool.active\",app=\"checkout\",env=\"prod\"} 48\n"),
                text);
    }

    @Test
    void anEventAboutNoMetricHasANullMetricInTheJson() throws Exception {
        reporter(config("/events")).report(TestEvents.event("e10"));
        assertTrue(JSON.readTree(server.take().body()).get("metric").isNull());
    }

    @Test
    void multipartCarriesTheEventAndEveryArtifactByteForByte() throws Exception {
        Path jfr = artifact("cpu_20260301-101530_e3.jfr", 70_000);
        Path txt = Files.writeString(dumps.resolve("threads_20260301-101530_e3.txt"), "\"main\" #1 prio=5\n");
        reporter(config("/upload").format(HttpReporterConfig.Format.MULTIPART)).report(TestEvents.event("e3", jfr, txt));

        RecordingServer.Received r = server.take();
        List<Multipart.Part> parts = Multipart.parse(r.header("Content-Type"), r.body());
        assertEquals(3, parts.size());
        assertEquals("event", parts.get(0).name());
        assertEquals("e3", JSON.readTree(parts.get(0).body()).get("eventId").asText());
        assertEquals("artifact", parts.get(1).name());
        assertEquals("cpu_20260301-101530_e3.jfr", parts.get(1).filename());
        assertEquals("application/octet-stream", parts.get(1).headers().get("content-type"));
        assertArrayEquals(Files.readAllBytes(jfr), parts.get(1).body());
        assertEquals("threads_20260301-101530_e3.txt", parts.get(2).filename());
        assertEquals("text/plain; charset=utf-8", parts.get(2).headers().get("content-type"));
        assertArrayEquals(Files.readAllBytes(txt), parts.get(2).body());
    }

    @Test
    void bearerTokenAndCustomHeadersAreSentButCannotReplaceAuthorization() throws Exception {
        reporter(config("/events").token("t0ken-abc").header("X-Team", "checkout")
                .header("Authorization", "Basic spoofed")).report(TestEvents.event("e4"));
        RecordingServer.Received r = server.take();
        assertEquals("Bearer t0ken-abc", r.header("Authorization"));
        assertEquals(1, r.headers().get("Authorization").size());
        assertEquals("checkout", r.header("X-Team"));
    }

    @Test
    void basicAuthFromSettingsOrFromTheUrl() throws Exception {
        reporter(config("/events").username("123456").password("glc_example")).report(TestEvents.event("e5"));
        String expected = "Basic " + Base64.getEncoder().encodeToString("123456:glc_example".getBytes(StandardCharsets.UTF_8));
        assertEquals(expected, server.take().header("Authorization"));
        reporter.close();

        HttpReporterConfig fromUrl = HttpReporterConfig.builder()
                .url("http://123456:glc_example@127.0.0.1:" + server.port() + "/events").build();
        assertEquals("http://127.0.0.1:" + server.port() + "/events", fromUrl.endpoint().url(), "credentials leave the URL");
        reporter = new HttpReporter(fromUrl);
        reporter.report(TestEvents.event("e6"));
        assertEquals(expected, server.take().header("Authorization"));
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 202, 204})
    void successStatusesMeanDelivered(int code) throws Exception {
        server.respond(RecordingServer.status(code, ""));
        assertTrue(reporter(config("/events")).report(TestEvents.event("ok")).delivered());
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504})
    void transientStatusesAreRetryable(int code) throws Exception {
        server.respond(RecordingServer.status(code, "{\"code\":\"unavailable\",\"message\":\"try later\"}"));
        ReportException e = assertThrows(ReportException.class, () -> reporter(config("/events")).report(TestEvents.event("x")));
        assertTrue(e.retryable(), e.getMessage());
        assertTrue(e.getMessage().startsWith("HTTP " + code), e.getMessage());
        assertTrue(e.getMessage().contains("try later"), "quotes the server's reason: " + e.getMessage());
        assertTrue(e.getMessage().contains("127.0.0.1:" + server.port() + "/events"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 307, 400, 401, 403, 404, 405, 409, 413, 422})
    void otherStatusesAreFinal(int code) throws Exception {
        server.respond(exchange -> {
            exchange.getResponseHeaders().add("Location", "http://elsewhere.example/");
            RecordingServer.send(exchange, code, "nope");
        });
        ReportException e = assertThrows(ReportException.class, () -> reporter(config("/events")).report(TestEvents.event("x")));
        assertFalse(e.retryable(), e.getMessage());
        assertNull(e.retryAfter());
        assertEquals(1, server.count(), "redirects are not followed");
    }

    @Test
    void serviceUnavailableWithRetryAfterInSeconds() throws Exception {
        server.respond(exchange -> {
            exchange.getResponseHeaders().add("Retry-After", "5");
            RecordingServer.send(exchange, 503, "");
        });
        ReportException e = assertThrows(ReportException.class, () -> reporter(config("/events")).report(TestEvents.event("x")));
        assertTrue(e.retryable());
        assertEquals(Duration.ofSeconds(5), e.retryAfter());
    }

    @Test
    void tooManyRequestsWithRetryAfterAsAnHttpDate() throws Exception {
        Instant now = Instant.parse("2026-03-01T10:00:00Z");
        server.respond(exchange -> {
            exchange.getResponseHeaders().add("Retry-After", "Sun, 01 Mar 2026 10:02:00 GMT");
            RecordingServer.send(exchange, 429, "");
        });
        reporter = new HttpReporter(config("/events").build(), Clock.fixed(now, ZoneOffset.UTC));
        ReportException e = assertThrows(ReportException.class, () -> reporter.report(TestEvents.event("x")));
        assertEquals(Duration.ofMinutes(2), e.retryAfter());
    }

    @Test
    void malformedRetryAfterIsIgnored() throws Exception {
        server.respond(exchange -> {
            exchange.getResponseHeaders().add("Retry-After", "soon");
            RecordingServer.send(exchange, 503, "");
        });
        ReportException e = assertThrows(ReportException.class, () -> reporter(config("/events")).report(TestEvents.event("x")));
        assertTrue(e.retryable());
        assertNull(e.retryAfter());
    }

    @Test
    void connectionRefusedIsARetryableIoError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        reporter = new HttpReporter(HttpReporterConfig.builder().url("http://127.0.0.1:" + port + "/events")
                .connectTimeout(Duration.ofSeconds(2)).build());
        IOException e = assertThrows(IOException.class, () -> reporter.report(TestEvents.event("x")));
        assertFalse(e instanceof ReportException, "a plain IOException is what the engine retries");
    }

    @Test
    void serverThatNeverAnswersHitsTheReadTimeout() throws Exception {
        server.respond(exchange -> awaitClose());
        reporter = new HttpReporter(config("/events").readTimeout(Duration.ofMillis(300)).build());
        IOException e = assertThrows(IOException.class, () -> reporter.report(TestEvents.event("x")));
        assertTrue(e.getMessage().contains("timeout") || e.getMessage().contains("timed out"), e.toString());
    }

    @Test
    void errorResponseThatStallsMidBodyStillFailsRetryablyInBoundedTime() throws Exception {
        server.respond(exchange -> {
            exchange.sendResponseHeaders(503, 10_000);
            OutputStream out = exchange.getResponseBody();
            out.write("partial".getBytes(StandardCharsets.UTF_8));
            out.flush();
            awaitClose();
        });
        // long enough for the status line to arrive from a cold server thread on a loaded machine: the stall is
        // in the body
        reporter = new HttpReporter(config("/events").readTimeout(Duration.ofSeconds(2)).build());
        ReportException e = assertThrows(ReportException.class, () -> reporter.report(TestEvents.event("x")));
        assertTrue(e.retryable());
        assertTrue(e.getMessage().startsWith("HTTP 503"), e.getMessage());
    }

    @Test
    void tricklingErrorBodyIsCutOffByTheCallTimeout() throws Exception {
        // the status line arrives and a byte follows every 50 ms, so no read timeout ever fires
        server.respond(exchange -> {
            exchange.sendResponseHeaders(503, 0);
            OutputStream out = exchange.getResponseBody();
            while (server.closing.getCount() > 0) {
                out.write('.');
                out.flush();
                sleepQuietly(50);
            }
        });
        // the call timeout leaves the status line seconds to arrive; the trickle never ends on its own
        reporter = new HttpReporter(config("/events").readTimeout(Duration.ofSeconds(2))
                .callTimeout(Duration.ofSeconds(3)).build());
        ReportException e = assertThrows(ReportException.class, () -> reporter.report(TestEvents.event("x")));
        assertTrue(e.retryable(), e.getMessage());
    }

    @Test
    void closeCancelsARequestInFlight() throws Exception {
        server.respond(exchange -> awaitClose());
        reporter = new HttpReporter(config("/events").readTimeout(Duration.ofSeconds(20)).build());
        CompletableFuture<Throwable> failure = CompletableFuture.supplyAsync(() -> {
            try {
                reporter.report(TestEvents.event("x"));
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        server.take();
        reporter.close();
        Throwable t = failure.get(10, TimeUnit.SECONDS);
        assertTrue(t instanceof IOException, String.valueOf(t));
        ReportException afterClose = assertThrows(ReportException.class, () -> reporter.report(TestEvents.event("y")));
        assertTrue(afterClose.retryable(), "an event sent after close stays with the engine");
    }

    @Test
    void missingArtifactIsLeftOutOfTheUpload() throws Exception {
        Path gone = artifact("cpu_20260301-101530_e9.jfr", 10);
        ReportEvent e = TestEvents.event("e9", gone);
        Files.delete(gone);
        reporter(config("/upload").format(HttpReporterConfig.Format.MULTIPART)).report(e);
        RecordingServer.Received r = server.take();
        List<Multipart.Part> parts = Multipart.parse(r.header("Content-Type"), r.body());
        assertEquals(1, parts.size());
        assertEquals("cpu_20260301-101530_e9.jfr",
                JSON.readTree(parts.get(0).body()).get("artifacts").get(0).get("name").asText(), "still listed");
    }

    @Test
    void heapDumpsStayOnTheHostUnlessAskedFor() throws Exception {
        Path heap = artifact("heap_20260301-101530_e10.hprof", 5_000);
        Path txt = Files.writeString(dumps.resolve("histogram_20260301-101530_e10.txt"), "num #instances\n");
        ReportEvent e = TestEvents.event("e10", heap, txt);
        reporter(config("/upload").format(HttpReporterConfig.Format.MULTIPART)).report(e);
        List<Multipart.Part> parts = multipartOf(server.take());
        assertEquals(List.of("histogram_20260301-101530_e10.txt"), parts.stream().skip(1).map(Multipart.Part::filename).toList(),
                "the heap dump is not sent by default");
        assertEquals("heap_20260301-101530_e10.hprof",
                JSON.readTree(parts.get(0).body()).get("artifacts").get(0).get("name").asText(), "but it is listed");

        reporter.close();
        reporter(config("/upload").format(HttpReporterConfig.Format.MULTIPART).heapDumps(true)).report(e);
        parts = multipartOf(server.take());
        assertEquals("heap_20260301-101530_e10.hprof", parts.get(1).filename());
        assertArrayEquals(Files.readAllBytes(heap), parts.get(1).body());
    }

    private static List<Multipart.Part> multipartOf(RecordingServer.Received r) {
        return Multipart.parse(r.header("Content-Type"), r.body());
    }

    private void awaitClose() {
        try {
            server.closing.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
