package io.zprof.reporter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ConfigurationException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading and validating {@code zprof.reporter.http.*}. */
class HttpReporterConfigTest {
    private static HttpReporterConfig read(Map<String, String> flat) {
        Map<String, String> full = new HashMap<>();
        flat.forEach((k, v) -> full.put("zprof.reporter.http." + k, v));
        return HttpReporterConfig.fromProperties(ConfigProperties.of(full).withPrefix("zprof.reporter.http."),
                Duration.ofSeconds(60));
    }

    @Test
    void missingUrlNamesTheKey() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> read(Map.of("format", "json")));
        assertEquals("zprof.reporter.http.url", e.key());
        assertTrue(e.getMessage().startsWith("zprof.reporter.http.url="), e.getMessage());
    }

    @Test
    void everySettingIsRead() {
        HttpReporterConfig c = read(Map.ofEntries(
                Map.entry("url", "https://push.example.com:9091"),
                Map.entry("format", "Prometheus"),
                Map.entry("username", "ops"),
                Map.entry("password", "pw-123"),
                Map.entry("headers.X-Team", "checkout"),
                Map.entry("headers", "X-Env=prod,X-Zone=eu"),
                Map.entry("connecttimeout", "2s"),
                Map.entry("readtimeout", "3s"),
                Map.entry("writetimeout", "4s"),
                Map.entry("calltimeout", "5s"),
                Map.entry("job", "payments"),
                Map.entry("instance", "pod-7"),
                Map.entry("pushmethod", "post")));
        assertEquals("https://push.example.com:9091/", c.endpoint().url());
        assertEquals(HttpReporterConfig.Format.PROMETHEUS, c.format());
        assertEquals("ops", c.endpoint().username());
        assertEquals("pw-123", c.endpoint().password());
        assertEquals(Map.of("X-Team", "checkout", "X-Env", "prod", "X-Zone", "eu"), c.endpoint().headers());
        assertEquals(Duration.ofSeconds(2), c.endpoint().connectTimeout());
        assertEquals(Duration.ofSeconds(3), c.endpoint().readTimeout());
        assertEquals(Duration.ofSeconds(4), c.endpoint().writeTimeout());
        assertEquals(Duration.ofSeconds(5), c.endpoint().callTimeout());
        assertEquals("payments", c.job());
        assertEquals("pod-7", c.instance());
        assertEquals(HttpReporterConfig.PushMethod.POST, c.pushMethod());
    }

    @Test
    void defaults() {
        HttpReporterConfig c = read(Map.of("url", "http://127.0.0.1:8080/events"));
        assertEquals(HttpReporterConfig.Format.JSON, c.format());
        assertFalse(c.endpoint().hasAuth());
        assertEquals(Duration.ofSeconds(54), c.endpoint().callTimeout(), "90 % of zprof.report.calltimeout");
        assertEquals(Duration.ofSeconds(10), c.endpoint().connectTimeout());
        assertEquals("zprof", c.job());
        assertNull(c.instance());
        assertEquals(HttpReporterConfig.PushMethod.PUT, c.pushMethod());
    }

    @Test
    void badValuesNameTheirKey() {
        assertEquals("zprof.reporter.http.format", assertThrows(ConfigurationException.class,
                () -> read(Map.of("url", "http://h/", "format", "xml"))).key());
        assertEquals("zprof.reporter.http.readtimeout", assertThrows(ConfigurationException.class,
                () -> read(Map.of("url", "http://h/", "readtimeout", "soon"))).key());
        assertEquals("zprof.reporter.http.url", assertThrows(ConfigurationException.class,
                () -> read(Map.of("url", "ftp://h/"))).key());
        assertEquals("zprof.reporter.http.password", assertThrows(ConfigurationException.class,
                () -> read(Map.of("url", "http://h/", "username", "u"))).key());
        assertEquals("zprof.reporter.http.headers.Bad Name", assertThrows(ConfigurationException.class,
                () -> read(Map.of("url", "http://h/", "headers.Bad Name", "v"))).key());
    }
}
