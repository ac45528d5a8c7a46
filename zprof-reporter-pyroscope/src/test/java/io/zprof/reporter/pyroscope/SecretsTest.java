package io.zprof.reporter.pyroscope;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ConfigurationException;
import io.zprof.api.model.ArtifactRef;
import io.zprof.api.model.EventType;
import io.zprof.api.model.ReportEvent;
import io.zprof.api.port.ReportException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The password and header values never appear in toString(), exception messages or logs. */
class SecretsTest {
    private static final String PASSWORD = "glc_eyJrIjoiNmY4ZTdk";
    private static final String HEADER_SECRET = "proxy-key-5b4a3c2d";

    @TempDir
    Path dir;

    private static final String BASIC = okhttp3.Credentials.basic("123456", PASSWORD).substring(6);

    private static void assertClean(String text) {
        assertFalse(text.contains(PASSWORD), text);
        assertFalse(text.contains(BASIC), "the base64 form of the credentials: " + text);
        assertFalse(text.contains(HEADER_SECRET), text);
    }

    @Test
    void toStringAndConfigurationErrorsHideSecrets() {
        PyroscopeReporterConfig c = PyroscopeReporterConfig.builder().url("https://p.example").username("123456")
                .password(PASSWORD).header("X-Proxy-Key", HEADER_SECRET).build();
        assertClean(c.toString());
        assertClean(new PyroscopeReporter(c).toString());
        assertTrue(c.toString().contains("basic(123456:****)"), c.toString());
        assertClean(assertThrows(ConfigurationException.class, () -> PyroscopeReporterConfig.builder()
                .url("https://u:" + PASSWORD + "@p.example").username("x").password("y").build()).getMessage());
        assertClean(assertThrows(ConfigurationException.class, () -> PyroscopeReporterConfig.builder()
                .url("https://p.example").password(PASSWORD).build()).getMessage());
        assertClean(assertThrows(ConfigurationException.class, () -> PyroscopeReporterConfig.builder()
                .url("https://p.example").header("X-Proxy-Key", HEADER_SECRET + "\r\n").build()).getMessage());
    }

    @Test
    void failuresAndLogsHideSecretsEvenWhenTheServerEchoesThem() throws Exception {
        Path jfr = JfrRecordings.executionSamples(dir.resolve("cpu.jfr"), Duration.ofMillis(10), Duration.ofMillis(300));
        Instant now = Instant.now();
        ReportEvent e = ReportEvent.builder().eventId("s1").type(EventType.TRIGGER).time(now).rule("cpu").value(90)
                .average(10).reason("r").labels(Map.of("app", "svc"))
                .artifacts(List.of(new ArtifactRef("cpu_x.jfr", "cpu", jfr, Files.size(jfr))))
                .from(now.minusSeconds(10)).until(now).build();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream previous = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            String basic = okhttp3.Credentials.basic("123456", PASSWORD);
            server.enqueue(new MockResponse.Builder().code(401)
                    .body("unauthenticated: " + basic + " / " + PASSWORD + " / " + HEADER_SECRET).build());
            PyroscopeReporterConfig c = PyroscopeReporterConfig.builder().url(server.url("/").toString())
                    .username("123456").password(PASSWORD).header("X-Proxy-Key", HEADER_SECRET).build();
            try (PyroscopeReporter r = new PyroscopeReporter(c)) {
                ReportException ex = assertThrows(ReportException.class, () -> r.report(e));
                assertClean(ex.getMessage());
                assertTrue(ex.getMessage().startsWith("HTTP 401"), ex.getMessage());
            }
            new PyroscopeReporter(PyroscopeReporterConfig.builder().url("http://pyroscope.invalid:4040")
                    .username("123456").password(PASSWORD).build()).close();
        } finally {
            System.setErr(previous);
        }
        String logged = log.toString(StandardCharsets.UTF_8);
        assertTrue(logged.contains("over plain http"), logged);
        assertClean(logged);
    }
}
