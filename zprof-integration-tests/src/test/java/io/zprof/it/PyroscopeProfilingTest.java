package io.zprof.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.EventType;
import io.zprof.api.model.ReportEvent;
import io.zprof.core.Zprof;
import io.zprof.core.status.ReporterStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import jdk.jfr.consumer.RecordedEvent;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.MediaType;
import okhttp3.MultipartReader;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Continuous profiling through the engine to a Pyroscope stand-in: every second a JFR chunk is uploaded to
 * {@code /ingest} as a multipart with a gzip'ed {@code jfr} part that parses and holds execution samples;
 * consecutive chunks neither overlap in their from/until windows nor share a sample; and a triggered cpu capture
 * is uploaded too, under its trigger label, with its pre-trigger window. Pyroscope places a whole upload at
 * {@code from} and spreads it over {@code until - from}, so each upload's period must be that of its own recording.
 */
class PyroscopeProfilingTest {
    private static final String SAMPLE = "jdk.ExecutionSample";
    private static volatile boolean stopBurn;

    @TempDir
    Path tmp;

    /** One {@code /ingest} request, its JFR part decoded. */
    private record Upload(String name, long from, long until, List<RecordedEvent> samples) {
        @Override
        public String toString() {
            return name + " from " + from + " until " + until + ", samples " + firstSample() + " to " + lastSample();
        }

        Instant firstSample() {
            return samples.stream().map(RecordedEvent::getStartTime).min(Comparator.naturalOrder()).orElseThrow();
        }

        Instant lastSample() {
            return samples.stream().map(RecordedEvent::getStartTime).max(Comparator.naturalOrder()).orElseThrow();
        }
    }

    @Test
    void chunksEverySecondAndATriggeredCaptureReachPyroscope() throws Exception {
        Thread burner = new Thread(PyroscopeProfilingTest::pyroscopeBurnLoop, "it-pyroscope-burn");
        stopBurn = false;
        burner.start();
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return new MockResponse.Builder().code(200).build();
                }
            });
            server.start();
            Map<String, String> props = Map.of("zprof.dump.path", tmp.resolve("dumps").toString(),
                    "zprof.profiling.enabled", "true", "zprof.profiling.interval", "1s",
                    "zprof.reporters", "pyroscope", "zprof.reporter.pyroscope.url", server.url("/").toString(),
                    "zprof.reporter.pyroscope.app", "zprof-it");
            // the burn runs from the start: the cpu rule fires (abs) on the first sample after warm-up
            try (Zprof zprof = Zprof.builder().properties(ConfigProperties.of(props)).configure(c -> c
                    .collectInterval(Duration.ofMillis(200)).warmupCycles(2)
                    .dump(d -> d.cpuDuration(Duration.ofSeconds(1))
                            .window(w -> w.enabled(true).maxAge(Duration.ofMinutes(1))))
                    .cpu(r -> r.enabled(true).min(10).abs(30).diff(0).cooldown(Duration.ofMinutes(10)).dumps(DumpKind.CPU)))
                    .build()) {
                List<ReportEvent> events = new CopyOnWriteArrayList<>();
                zprof.addListener(events::add);
                Instant started = Instant.now();
                zprof.start();
                List<Upload> chunks = new ArrayList<>();
                List<Upload> triggered = new ArrayList<>();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while ((chunks.size() < 3 || triggered.size() < 2) && System.nanoTime() < deadline) {
                    RecordedRequest r = server.takeRequest(1, TimeUnit.SECONDS);
                    if (r != null) {
                        Upload u = upload(r);
                        (u.name().contains("trigger=") ? triggered : chunks).add(u);
                    }
                }
                assertTrue(chunks.size() >= 3, "profile chunks uploaded: " + chunks.size());
                assertEquals(2, triggered.size(), "the triggered cpu capture and its window uploaded");
                for (Upload u : triggered) {
                    // continuous chunks hold the same samples: the captures get a service of their own
                    assertEquals("zprof-it-triggers{trigger=cpu}", u.name());
                    assertTrue(u.samples().stream().anyMatch(e -> Evidence.hasFrame(e, "pyroscopeBurnLoop")),
                            "the burn is in the triggered capture");
                }
                for (Upload u : concat(chunks, triggered)) {
                    assertTrue(u.from() <= u.firstSample().getEpochSecond() && u.lastSample().getEpochSecond() <= u.until(),
                            "the period holds the samples: " + u);
                }
                ReportEvent trigger = events.stream().filter(e -> e.type() == EventType.TRIGGER).findFirst().orElseThrow();
                Upload window = triggered.stream().filter(u -> u.firstSample().isBefore(trigger.time())).findFirst()
                        .orElseThrow(() -> new AssertionError("an upload of the pre-trigger window: " + triggered));
                Upload cpu = triggered.stream().filter(u -> u != window).findFirst().orElseThrow();
                // the event covers the window's maximum age (a minute) and every capture; each upload only its own
                // the window is dumped as the capture starts; 3 s of slack for a loaded machine
                assertTrue(window.from() >= started.getEpochSecond() && window.until() <= trigger.time().getEpochSecond() + 3,
                        "the window's period ends at the trigger and starts no earlier than its recording: " + window
                        + ", engine started " + started + ", trigger " + trigger.time());
                assertTrue(cpu.from() >= trigger.time().getEpochSecond() && cpu.until() <= trigger.until().getEpochSecond(),
                        "the cpu capture's period lies after the trigger: " + cpu + ", trigger " + trigger.time()
                        + ", published " + trigger.until());
                chunks.sort(Comparator.comparingLong(Upload::from));
                for (int i = 0; i + 1 < chunks.size(); i++) {
                    Upload a = chunks.get(i);
                    Upload b = chunks.get(i + 1);
                    assertEquals("zprof-it", a.name());
                    assertTrue(a.until() <= b.from(), "windows do not overlap: " + a + " then " + b);
                    assertTrue(a.lastSample().isBefore(b.firstSample()), "no sample in two chunks: last of one "
                            + a.lastSample() + ", first of the next " + b.firstSample());
                }
                // an upload is counted once the reporter has read the response, a moment after the server had it
                Await.until(() -> zprof.status().reporters().get(0).delivered() >= chunks.size() + 1, 10,
                        "delivered counted: " + zprof.status().reporters().get(0));
                ReporterStatus status = zprof.status().reporters().get(0);
                assertEquals("pyroscope", status.name());
                assertEquals(0, status.failedPermanent(), status.toString());
            }
        } finally {
            stopBurn = true;
            burner.join();
        }
    }

    private static List<Upload> concat(List<Upload> a, List<Upload> b) {
        List<Upload> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Checks the request against the ingest protocol and decodes its JFR part. */
    private Upload upload(RecordedRequest r) throws IOException {
        assertEquals("POST", r.getMethod());
        assertEquals("/ingest", r.getUrl().encodedPath());
        assertEquals("jfr", r.getUrl().queryParameter("format"));
        assertEquals("javaspy", r.getUrl().queryParameter("spyName"));
        assertNotNull(r.getUrl().queryParameter("sampleRate"));
        MediaType type = MediaType.get(r.getHeaders().get("Content-Type"));
        assertEquals("multipart", type.type());
        byte[] jfr = null;
        try (MultipartReader reader = new MultipartReader(new Buffer().write(r.getBody()), type.parameter("boundary"))) {
            MultipartReader.Part part;
            while ((part = reader.nextPart()) != null) {
                String disposition = part.headers().get("Content-Disposition");
                byte[] body = part.body().readByteArray();
                if (disposition != null && disposition.contains("name=\"jfr\"")) {
                    jfr = body;
                }
            }
        }
        assertNotNull(jfr, "a jfr part");
        assertEquals(0x1f, jfr[0] & 0xff, "gzip'ed");
        assertEquals(0x8b, jfr[1] & 0xff, "gzip'ed");
        Path file = Files.createTempFile(tmp, "upload", ".jfr");
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(jfr))) {
            Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        List<RecordedEvent> samples = Evidence.events(file, e -> e.getEventType().getName().equals(SAMPLE));
        assertFalse(samples.isEmpty(), "execution samples in the upload");
        return new Upload(r.getUrl().queryParameter("name"), Long.parseLong(r.getUrl().queryParameter("from")),
                Long.parseLong(r.getUrl().queryParameter("until")), samples);
    }

    private static long pyroscopeBurnLoop() {
        long x = 3;
        while (!stopBurn) {
            for (int i = 0; i < 100_000; i++) {
                x = x * 31 + i ^ (x >>> 5);
            }
        }
        return x;
    }
}
