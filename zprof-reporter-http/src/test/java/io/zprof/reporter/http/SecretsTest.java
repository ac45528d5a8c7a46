package io.zprof.reporter.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ConfigurationException;
import io.zprof.api.port.ReportException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tokens, passwords and header values never appear in toString(), exception messages or logs. */
class SecretsTest {
    private static final String TOKEN = "tok-9f8e7d6c5b4a";
    private static final String PASSWORD = "pw-1a2b3c4d5e6f";
    private static final String HEADER_SECRET = "key-0a9b8c7d6e5f";

    private static final String BASIC = okhttp3.Credentials.basic("ops", PASSWORD).substring(6);

    private static void assertClean(String text) {
        assertFalse(text.contains(TOKEN), text);
        assertFalse(text.contains(BASIC), "the base64 form of the credentials: " + text);
        assertFalse(text.contains(PASSWORD), text);
        assertFalse(text.contains(HEADER_SECRET), text);
    }

    @Test
    void toStringHidesSecrets() {
        HttpReporterConfig bearer = HttpReporterConfig.builder().url("https://c.example/e").token(TOKEN)
                .header("X-Api-Key", HEADER_SECRET).build();
        HttpReporterConfig basic = HttpReporterConfig.builder().url("https://c.example/e").username("ops")
                .password(PASSWORD).build();
        assertClean(bearer.toString());
        assertClean(basic.toString());
        assertClean(new HttpReporter(bearer).toString());
        assertTrue(bearer.toString().contains("X-Api-Key"), "header names are shown");
        assertTrue(basic.toString().contains("basic(ops:****)"), basic.toString());
    }

    @Test
    void configurationErrorsHideSecrets() {
        assertClean(assertThrows(ConfigurationException.class, () -> HttpReporterConfig.builder()
                .url("https://c.example/e").token(TOKEN).username("ops").password(PASSWORD).build()).getMessage());
        assertClean(assertThrows(ConfigurationException.class, () -> HttpReporterConfig.builder()
                .url("https://ops:" + PASSWORD + "@c.example/e").token(TOKEN).build()).getMessage());
        assertClean(assertThrows(ConfigurationException.class, () -> HttpReporterConfig.builder()
                .url("https://c.example/e").header("X-Api-Key", HEADER_SECRET + "\n").build()).getMessage());
        assertClean(assertThrows(ConfigurationException.class, () -> HttpReporterConfig.fromProperties(
                ConfigProperties.of(Map.of("password", PASSWORD, "url", "http://h/")), Duration.ofSeconds(60)))
                .getMessage());
    }

    @Test
    void failuresAndLogsHideSecretsEvenWhenTheServerEchoesThem() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream previous = System.err;
        try (RecordingServer server = RecordingServer.start()) {
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            server.respond(exchange -> RecordingServer.send(exchange, 401,
                    "echo: " + exchange.getRequestHeaders().getFirst("Authorization") + " "
                            + exchange.getRequestHeaders().getFirst("X-Api-Key")));
            HttpReporterConfig cfg = HttpReporterConfig.builder().url("http://localhost:" + server.port() + "/e")
                    .token(TOKEN).header("X-Api-Key", HEADER_SECRET).build();
            try (HttpReporter reporter = new HttpReporter(cfg)) {
                ReportException e = assertThrows(ReportException.class, () -> reporter.report(TestEvents.event("x")));
                assertTrue(e.getMessage().contains("echo: Bearer ****"), e.getMessage());
                assertClean(e.getMessage());
            }
            HttpReporterConfig basic = HttpReporterConfig.builder().url("http://localhost:" + server.port() + "/e")
                    .username("ops").password(PASSWORD).build();
            try (HttpReporter reporter = new HttpReporter(basic)) {
                ReportException e = assertThrows(ReportException.class, () -> reporter.report(TestEvents.event("y")));
                assertTrue(e.getMessage().contains("echo: Basic ****"), e.getMessage());
                assertClean(e.getMessage());
            }
            HttpReporterConfig overHttp = HttpReporterConfig.builder().url("http://collector.invalid/e")
                    .username("ops").password(PASSWORD).build();
            new HttpReporter(overHttp).close();
        } finally {
            System.setErr(previous);
        }
        String logged = log.toString(StandardCharsets.UTF_8);
        assertTrue(logged.contains("over plain http"), "the plain-http warning was logged: " + logged);
        assertClean(logged);
    }
}
