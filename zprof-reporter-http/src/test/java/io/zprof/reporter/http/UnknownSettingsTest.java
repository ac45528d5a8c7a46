package io.zprof.reporter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ConfigurationException;
import io.zprof.api.config.ZprofConfig;
import io.zprof.core.Zprof;
import io.zprof.core.ZprofProperties;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 item 3: a mistyped key of the http reporter ({@code zprof.reporter.http.tokn}) was silently ignored, so
 * requests went out without auth. The engine now refuses it through the real provider found by ServiceLoader,
 * naming the key and never the value.
 */
class UnknownSettingsTest {
    private static final String CANARY = "CANARY-tok-5b1e";

    private static Map<String, String> valid() {
        Map<String, String> m = new HashMap<>();
        m.put("zprof.reporters", "http");
        m.put("zprof.reporter.http.url", "http://127.0.0.1:9/events");
        return m;
    }

    @Test
    void aMistypedTokenKeyStopsTheBuildNamingTheKeyNotTheToken() {
        Map<String, String> props = valid();
        props.put("zprof.reporter.http.tokn", CANARY);
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> Zprof.builder().properties(ConfigProperties.of(props)).build());
        assertEquals("zprof.reporter.http.tokn", e.key());
        assertTrue(e.getMessage().startsWith("zprof.reporter.http.tokn: unknown setting of the http reporter (known: "),
                e.getMessage());
        assertTrue(e.getMessage().contains("token") && e.getMessage().contains("headers.<name>"), e.getMessage());
        assertFalse(e.getMessage().contains(CANARY), e.getMessage());
    }

    @Test
    void kubernetesServiceLinksOfAServiceNamedLikeTheReporterNeverStopTheApplication() {
        // a Service named zprof-reporter-http in the pod's namespace: Kubernetes injects these into every pod
        Map<String, String> env = new HashMap<>();
        env.put("ZPROF_REPORTERS", "http");
        env.put("ZPROF_REPORTER_HTTP_URL", "http://127.0.0.1:9/events");
        env.put("ZPROF_REPORTER_HTTP_SERVICE_HOST", "10.0.0.11");
        env.put("ZPROF_REPORTER_HTTP_SERVICE_PORT", "80");
        env.put("ZPROF_REPORTER_HTTP_SERVICE_PORT_WEB", "80");
        env.put("ZPROF_REPORTER_HTTP_PORT", "tcp://10.0.0.11:80");
        env.put("ZPROF_REPORTER_HTTP_PORT_80_TCP", "tcp://10.0.0.11:80");
        env.put("ZPROF_REPORTER_HTTP_PORT_80_TCP_ADDR", "10.0.0.11");
        env.put("ZPROF_REPORTER_HTTP_PORT_80_TCP_PORT", "80");
        env.put("ZPROF_REPORTER_HTTP_PORT_80_TCP_PROTO", "tcp");
        Map<String, String> settings = ZprofProperties.fromEnvironmentVariables(env);
        assertEquals(Map.of("zprof.reporters", "http", "zprof.reporter.http.url", "http://127.0.0.1:9/events"),
                settings);
        try (Zprof zprof = Zprof.builder().properties(ConfigProperties.of(settings)).build()) {
            assertEquals(List.of("http"), zprof.config().report().reporters());
        }
    }

    @Test
    void anUpdateWithAMistypedKeyChangesNothing() {
        try (Zprof zprof = Zprof.builder().properties(ConfigProperties.of(valid())).build()) {
            ZprofConfig before = zprof.config();
            Map<String, String> next = valid();
            next.put("zprof.report.queuesize", "7");
            next.put("zprof.reporter.http.headers", "X-Team=core");
            next.put("zprof.reporter.http.header.X-Api-Key", CANARY);
            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> zprof.update(ConfigProperties.of(next)));
            assertEquals("zprof.reporter.http.header.X-Api-Key", e.key());
            assertFalse(e.getMessage().contains(CANARY), e.getMessage());
            assertSame(before, zprof.config());
        }
    }

    @Test
    void everyKeyTheReporterReadsIsAccepted() {
        Map<String, String> props = valid();
        for (String key : Set.of("format=multipart", "job=j", "instance=i", "pushmethod=post", "heapdumps=true",
                "token=t", "headers=X-A=1", "headers.X-B=2", "connecttimeout=1s", "readtimeout=2s",
                "writetimeout=3s", "calltimeout=4s")) {
            props.put("zprof.reporter.http." + key.substring(0, key.indexOf('=')), key.substring(key.indexOf('=') + 1));
        }
        Zprof.builder().properties(ConfigProperties.of(props)).build().close();
    }

    /** The declared keys and the keys {@link HttpReporterConfig#fromProperties} reads are the same list. */
    @Test
    void declaresExactlyWhatItReads() {
        Set<String> read = new TreeSet<>();
        ConfigProperties everything = ConfigProperties.of(Map.of("url", "http://127.0.0.1:9/", "headers.X-B", "2"));
        HttpReporterConfig.fromProperties(new Recording(everything, read), Duration.ofSeconds(60));
        assertEquals(new TreeSet<>(HttpReporterConfig.SETTING_KEYS), read);
    }

    /** Records every key asked for; a view under a prefix records the prefix. */
    private record Recording(ConfigProperties delegate, Set<String> read) implements ConfigProperties {
        @Override public String get(String key) { read.add(key); return delegate.get(key); }
        @Override public Set<String> keys() { return delegate.keys(); }
        @Override public String fullKey(String key) { return delegate.fullKey(key); }
        @Override public ConfigProperties withPrefix(String prefix) {
            if (!prefix.isEmpty()) {
                read.add(prefix);
            }
            return prefix.isEmpty() ? this : delegate.withPrefix(prefix);
        }
    }
}
