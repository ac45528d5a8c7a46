package io.zprof.reporter.pyroscope;

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

/** Reading and validating {@code zprof.reporter.pyroscope.*}. */
class PyroscopeReporterConfigTest {
    private static PyroscopeReporterConfig read(Map<String, String> flat) {
        Map<String, String> full = new HashMap<>();
        flat.forEach((k, v) -> full.put("zprof.reporter.pyroscope." + k, v));
        return PyroscopeReporterConfig.fromProperties(
                ConfigProperties.of(full).withPrefix("zprof.reporter.pyroscope."), Duration.ofSeconds(60));
    }

    @Test
    void missingUrlNamesTheKey() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> read(Map.of("app", "svc")));
        assertEquals("zprof.reporter.pyroscope.url", e.key());
    }

    @Test
    void everySettingIsRead() {
        PyroscopeReporterConfig c = read(Map.ofEntries(
                Map.entry("url", "https://profiles-prod-001.grafana.net"),
                Map.entry("app", "checkout-service"),
                Map.entry("labels", "env=prod,region=eu-west-1"),
                Map.entry("labels.team", "payments"),
                Map.entry("username", "123456"),
                Map.entry("password", "glc_secret"),
                Map.entry("tenant", "team-a"),
                Map.entry("headers.X-Proxy", "yes"),
                Map.entry("gzip", "false"),
                Map.entry("ingestionwindow", "30m"),
                Map.entry("connecttimeout", "2s"),
                Map.entry("readtimeout", "3s"),
                Map.entry("writetimeout", "4s"),
                Map.entry("calltimeout", "5s")));
        assertEquals("https://profiles-prod-001.grafana.net/", c.endpoint().url());
        assertEquals("checkout-service", c.app());
        assertEquals(Map.of("env", "prod", "region", "eu-west-1", "team", "payments"), c.labels());
        assertEquals("123456", c.endpoint().username());
        assertEquals("glc_secret", c.endpoint().password());
        assertEquals("team-a", c.tenant());
        assertEquals(Map.of("X-Proxy", "yes"), c.endpoint().headers());
        assertFalse(c.gzip());
        assertEquals(Duration.ofMinutes(30), c.ingestionWindow());
        assertEquals(Duration.ofSeconds(2), c.endpoint().connectTimeout());
        assertEquals(Duration.ofSeconds(3), c.endpoint().readTimeout());
        assertEquals(Duration.ofSeconds(4), c.endpoint().writeTimeout());
        assertEquals(Duration.ofSeconds(5), c.endpoint().callTimeout());
    }

    @Test
    void defaults() {
        PyroscopeReporterConfig c = read(Map.of("url", "http://pyroscope:4040"));
        assertNull(c.app());
        assertTrue(c.gzip());
        assertEquals(Duration.ofHours(1), c.ingestionWindow());
        assertEquals(Duration.ofSeconds(54), c.endpoint().callTimeout());
        assertNull(c.endpoint().username());
        assertNull(c.tenant());
    }

    @Test
    void credentialsInTheUrlBecomeBasicAuth() {
        PyroscopeReporterConfig c = read(Map.of("url", "https://123456:glc_secret@profiles.example.net"));
        assertEquals("https://profiles.example.net/", c.endpoint().url());
        assertEquals("123456", c.endpoint().username());
        assertEquals("glc_secret", c.endpoint().password());
    }

    @Test
    void badValuesNameTheirKey() {
        assertEquals("zprof.reporter.pyroscope.app", assertThrows(ConfigurationException.class,
                () -> read(Map.of("url", "http://p/", "app", "myapp.cpu"))).key());
        assertEquals("zprof.reporter.pyroscope.app", assertThrows(ConfigurationException.class,
                () -> read(Map.of("url", "http://p/", "app", "my app"))).key());
        assertEquals("zprof.reporter.pyroscope.labels.bad-name", assertThrows(ConfigurationException.class,
                () -> read(Map.of("url", "http://p/", "labels.bad-name", "x"))).key());
        assertEquals("zprof.reporter.pyroscope.labels.env", assertThrows(ConfigurationException.class,
                () -> read(Map.of("url", "http://p/", "labels.env", "a}b"))).key());
        assertEquals("zprof.reporter.pyroscope.labels", assertThrows(ConfigurationException.class,
                () -> read(Map.of("url", "http://p/", "labels", "novalue"))).key());
        assertEquals("zprof.reporter.pyroscope.gzip", assertThrows(ConfigurationException.class,
                () -> read(Map.of("url", "http://p/", "gzip", "maybe"))).key());
        assertEquals("zprof.reporter.pyroscope.ingestionwindow", assertThrows(ConfigurationException.class,
                () -> read(Map.of("url", "http://p/", "ingestionwindow", "0s"))).key());
        assertEquals("zprof.reporter.pyroscope.password", assertThrows(ConfigurationException.class,
                () -> read(Map.of("url", "http://p/", "username", "u"))).key());
    }

    @Test
    void aBearerTokenIsRefusedNotIgnored() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> read(Map.of("url", "http://p/", "token", "tok-Secret-1")));
        assertEquals("zprof.reporter.pyroscope.token", e.key());
        assertFalse(e.getMessage().contains("tok-Secret-1"), e.getMessage());
    }
}
