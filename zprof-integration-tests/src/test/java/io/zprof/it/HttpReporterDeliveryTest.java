package io.zprof.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.zprof.api.config.ConfigProperties;
import io.zprof.api.model.ArtifactRef;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.ReportEvent;
import io.zprof.core.Zprof;
import io.zprof.core.status.ReporterStatus;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP reporter through the engine, against a real HTTP server on loopback: a triggered event arrives as JSON
 * with its rule, reason and artefact names; an event that cannot be delivered because the collector is down waits
 * in the spool, survives the engine's stop, and a new engine on the same dump directory delivers it once the
 * collector is back.
 */
class HttpReporterDeliveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    private ParkedThreads parked;

    @AfterEach
    void releaseThreads() {
        if (parked != null) {
            parked.close();
        }
    }

    @Test
    void anEventIsDeliveredAndASpooledOneSurvivesARestart() throws Exception {
        BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        HttpServer collector = collector(0, received);
        int port = collector.getAddress().getPort();
        ConfigProperties props = ConfigProperties.of(Map.of("zprof.dump.path", tmp.resolve("dumps").toString(),
                "zprof.reporters", "http", "zprof.reporter.http.url", "http://127.0.0.1:" + port + "/events",
                "zprof.report.flushtimeout", "1s", "zprof.report.retry.maxattempts", "2",
                "zprof.report.retry.initialbackoff", "100ms", "zprof.report.retry.maxbackoff", "200ms",
                "zprof.report.retry.maxelapsed", "1s"));
        int abs = ManagementFactory.getThreadMXBean().getThreadCount() + 20;
        List<ReportEvent> events = new CopyOnWriteArrayList<>();
        ReportEvent spooledEvent;
        try (Zprof first = Zprof.builder().properties(props).configure(c -> c.collectInterval(Duration.ofMillis(200))
                .warmupCycles(2).threads(r -> r.enabled(true).min(1).abs(abs).diff(0).max(0)
                        // long enough for the first capture and delivery to finish and the collector to stop
                        // before the second firing, even on a loaded machine
                        .cooldown(Duration.ofSeconds(6)).dumps(DumpKind.THREADS))).build()) {
            first.addListener(events::add);
            first.start();
            parked = new ParkedThreads(30, "it-http-parked-");

            JsonNode json = received.poll(20, TimeUnit.SECONDS);
            assertNotNull(json, "the collector received the first event");
            Await.until(() -> reporter(first).delivered() == 1, 10, "the first delivery counted");
            collector.stop(0);
            ReportEvent delivered = events.get(0);
            assertEquals(delivered.eventId(), json.path("eventId").asText());
            assertEquals("trigger", json.path("type").asText());
            assertEquals("threads", json.path("rule").asText());
            assertEquals(delivered.reason(), json.path("reason").asText());
            assertTrue(delivered.reason().startsWith("fired: "), delivered.reason());
            List<String> names = new ArrayList<>();
            json.path("artifacts").forEach(a -> names.add(a.path("name").asText()));
            assertEquals(delivered.artifacts().stream().map(ArtifactRef::name).toList(), names);
            assertTrue(names.stream().anyMatch(n -> n.startsWith("threads_")), "the thread dump is named: " + names);

            // the collector is down: the next firing (after the 6 s cooldown) cannot be delivered
            Await.until(() -> events.size() >= 2, 20, "a second event");
            releaseThreads();
            spooledEvent = events.get(1);
            Await.until(() -> reporter(first).lastError() != null, 20, "a failed delivery");
            ReporterStatus down = reporter(first);
            assertEquals(2, down.enqueued(), down.toString());
            assertEquals(1, down.delivered(), down.toString());
            assertEquals(1, down.spooled(), "the undelivered event waits in the spool: " + down);
        }
        assertTrue(spoolHolds(spooledEvent.eventId()), "the event is still in the spool after the engine stopped");

        HttpServer restarted = collector(port, received);
        try (Zprof second = Zprof.builder().properties(props).configure(c -> c.collectInterval(Duration.ofMillis(200)))
                .build()) {
            second.start();
            JsonNode json = received.poll(20, TimeUnit.SECONDS);
            assertNotNull(json, "the spooled event is delivered by the new engine");
            assertEquals(spooledEvent.eventId(), json.path("eventId").asText());
            assertEquals("threads", json.path("rule").asText());
            assertEquals(spooledEvent.reason(), json.path("reason").asText());
            Await.until(() -> reporter(second).delivered() == 1, 10, "the delivery counted");
            ReporterStatus after = reporter(second);
            assertEquals(1, after.recovered(), after.toString());
            assertEquals(0, after.enqueued(), after.toString());
            assertEquals(0, after.spooled(), after.toString());
        } finally {
            restarted.stop(0);
        }
        assertFalse(spoolHolds(spooledEvent.eventId()), "delivered events leave the spool");
        assertTrue(received.isEmpty(), "nothing was delivered twice: " + received);
    }

    private static ReporterStatus reporter(Zprof zprof) {
        return zprof.status().reporters().get(0);
    }

    private boolean spoolHolds(String eventId) throws IOException {
        Path spool = tmp.resolve("dumps").resolve(".spool").resolve("http");
        if (!Files.isDirectory(spool)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(spool)) {
            return entries.anyMatch(p -> p.getFileName().toString().endsWith("-" + eventId));
        }
    }

    /** A collector on loopback that records every JSON document it is sent and answers 200. */
    private static HttpServer collector(int port, BlockingQueue<JsonNode> received) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/events", exchange -> {
            try (exchange) {
                JsonNode doc = JSON.readTree(exchange.getRequestBody());
                assertEquals(doc.path("eventId").asText(), exchange.getRequestHeaders().getFirst("X-Zprof-Event-Id"));
                received.add(doc);
                exchange.sendResponseHeaders(200, -1);
            }
        });
        server.start();
        return server;
    }
}
