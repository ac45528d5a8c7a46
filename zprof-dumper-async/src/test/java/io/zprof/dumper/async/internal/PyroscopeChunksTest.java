package io.zprof.dumper.async.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.model.DumpKind;
import io.zprof.core.Zprof;
import io.zprof.core.status.ProviderStatus;
import io.zprof.support.jfr.JfrFileWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import jdk.jfr.FlightRecorder;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartReader;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Continuous-profiling chunks from async-profiler, through the real engine and Pyroscope reporter, to MockWebServer
 * standing in for Pyroscope (none runs here): each chunk is uploaded as JFR that {@code jdk.jfr.consumer} parses,
 * names the burning method, comes from the window's session (no JFR recording runs), and carries the query
 * parameters the spec gives each profile type.
 */
class PyroscopeChunksTest {
    private static final String CPU = "jdk.ExecutionSample";
    private static final String WALL = "profiler.WallClockSample";
    private static final Set<String> ALLOC = Set.of("jdk.ObjectAllocationInNewTLAB", "jdk.ObjectAllocationOutsideTLAB");
    private static final Set<String> LOCK = Set.of("jdk.JavaMonitorEnter", "jdk.ThreadPark");

    @TempDir
    Path dir;
    @RegisterExtension
    final Workers workers = new Workers();

    /** One upload: its query and what its JFR part holds. */
    private record Upload(HttpUrl url, Path jfr, Set<String> types) {
        String query(String name) {
            return url.queryParameter(name);
        }
    }

    @Test
    void chunksComeFromTheWindowSessionAsJfrWithTheQueryOfEachProfileType() throws Exception {
        workers.start("async-chunk-burner", Workloads::burnUntil);
        workers.start("async-chunk-allocator", Workloads::allocateUntil);
        workers.start("async-chunk-holder", Workloads::holdTheMonitorUntil);
        workers.start("async-chunk-contender", Workloads::holdTheMonitorUntil);
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new mockwebserver3.Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return new MockResponse.Builder().code(200).build();
                }
            });
            server.start();
            Map<String, String> props = Map.of("zprof.dump.path", dir.resolve("dumps").toString(),
                    "zprof.interval", "1h", "zprof.dump.cpuduration", "1s",
                    "zprof.dump.window.enabled", "true",
                    "zprof.profiling.enabled", "true", "zprof.profiling.interval", "1s",
                    "zprof.reporters", "pyroscope", "zprof.reporter.pyroscope.url", server.url("/").toString(),
                    "zprof.reporter.pyroscope.app", "zprof-async");
            List<Upload> chunks = new ArrayList<>();
            List<Upload> captures = new ArrayList<>();
            try (Zprof zprof = Zprof.builder().properties(ConfigProperties.of(props)).manualSampling().build()) {
                zprof.start();
                ProviderStatus async = dumper(zprof, "async");
                assertTrue(async.selectedFor().contains("profile_chunk"), "status says async makes the chunks: " + async);
                assertTrue(ProfilerEngine.shared().running(), "one async-profiler session: the window's");
                assertFalse(FlightRecorder.getFlightRecorder().getRecordings().stream()
                        .anyMatch(r -> r.getName().startsWith("zprof-profile")), "no JFR profiling recording");
                for (DumpKind kind : List.of(AsyncDumperProvider.WALL, DumpKind.ALLOC, DumpKind.LOCK)) {
                    // one capture at a time: async-profiler runs one session
                    zprof.capture(Set.of(kind), "chunk test").toCompletableFuture().get(30, TimeUnit.SECONDS);
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!(covers(chunks, Set.of(CPU)) && covers(chunks, Set.of(WALL)) && covers(chunks, ALLOC)
                        && covers(chunks, LOCK) && captures.size() >= 3) && System.nanoTime() < deadline) {
                    RecordedRequest r = server.takeRequest(1, TimeUnit.SECONDS);
                    if (r != null) {
                        Upload u = upload(r);
                        (u.query("name").equals("zprof-async") ? chunks : captures).add(u);
                    }
                }
            }
            assertTrue(covers(chunks, Set.of(CPU)) && covers(chunks, Set.of(WALL)) && covers(chunks, ALLOC)
                    && covers(chunks, LOCK), "the chunks hold cpu samples and the captures' wall, alloc and lock"
                    + " events: " + chunks.stream().map(Upload::types).toList());
            for (Upload u : chunks) {
                // one chunk, one upload: the agent's units for its main event (cpu/itimer), one sample rate for all
                assertQuery(u, "samples");
                assertEquals(Set.of("10000000"), Profiles.settings(u.jfr(), CPU, "interval"),
                        "every file of a chunk samples at zprof.dump.sampleperiod, the shorter period");
                if (JfrFileWriter.canRewrite()) {
                    assertTrue(Profiles.threads(u.jfr(), CPU).stream().noneMatch(t -> t != null && t.startsWith("zprof-")),
                            "zprof's threads are not in the chunks: " + Profiles.threads(u.jfr(), CPU));
                }
            }
            List<String> heaviest = new ArrayList<>();
            for (Upload u : chunks) {
                heaviest.add(Profiles.heaviestJavaMethod(u.jfr(), CPU));
            }
            assertTrue(heaviest.contains("burnCpuInAsyncTest"), "a chunk names the burning method: " + heaviest);
            for (Upload u : captures) {
                assertEquals("zprof-async-triggers{trigger=manual}", u.query("name"));
                assertQuery(u, u.types().stream().anyMatch(ALLOC::contains) && !u.types().contains(WALL)
                        && u.types().stream().noneMatch(LOCK::contains) ? "objects" : "samples");
            }
        }
    }

    private static void assertQuery(Upload u, String units) {
        assertEquals("jfr", u.query("format"), u.url().toString());
        assertEquals("javaspy", u.query("spyName"), u.url().toString());
        assertEquals(units, u.query("units"), u.types() + " " + u.url());
        assertEquals("sum", u.query("aggregationType"), u.url().toString());
        assertEquals("100", u.query("sampleRate"), "1e9 / the 10 ms interval: " + u.url());
        assertTrue(Long.parseLong(u.query("from")) <= Long.parseLong(u.query("until")), u.url().toString());
    }

    private static boolean covers(List<Upload> uploads, Set<String> anyOf) {
        return uploads.stream().anyMatch(u -> u.types().stream().anyMatch(anyOf::contains));
    }

    private static ProviderStatus dumper(Zprof zprof, String name) {
        return zprof.status().providers().stream().filter(p -> p.type().equals("dumper") && p.name().equals(name))
                .findFirst().orElseThrow();
    }

    /** Decodes the {@code jfr} part (gzip'ed or not) into a file and lists its event types. */
    private Upload upload(RecordedRequest r) throws IOException {
        assertEquals("/ingest", r.getUrl().encodedPath());
        assertEquals("POST", r.getMethod());
        MediaType type = MediaType.get(r.getHeaders().get("Content-Type"));
        byte[] jfr = null;
        try (MultipartReader reader = new MultipartReader(new Buffer().write(r.getBody()), type.parameter("boundary"))) {
            MultipartReader.Part part;
            while ((part = reader.nextPart()) != null) {
                byte[] body = part.body().readByteArray();
                if (String.valueOf(part.headers().get("Content-Disposition")).contains("name=\"jfr\"")) {
                    jfr = body;
                }
            }
        }
        assertNotNull(jfr, "a jfr part");
        Path file = Files.createTempFile(dir, "upload", ".jfr");
        try (InputStream in = (jfr[0] & 0xff) == 0x1f ? new GZIPInputStream(new ByteArrayInputStream(jfr))
                : new ByteArrayInputStream(jfr)) {
            Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Set<String> types = new java.util.TreeSet<>();
        for (jdk.jfr.consumer.RecordedEvent e : jdk.jfr.consumer.RecordingFile.readAllEvents(file)) {
            types.add(e.getEventType().getName());
        }
        return new Upload(r.getUrl(), file, types);
    }
}
