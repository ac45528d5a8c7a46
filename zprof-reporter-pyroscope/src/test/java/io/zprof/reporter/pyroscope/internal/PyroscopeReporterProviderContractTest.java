package io.zprof.reporter.pyroscope.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zprof.api.config.ConfigurationException;
import io.zprof.api.config.ZprofConfig;
import io.zprof.api.port.Reporter;
import io.zprof.reporter.pyroscope.PyroscopeReporter;
import io.zprof.testing.ReporterProviderContract;
import io.zprof.testing.TestProviderContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Pyroscope reporter keeps the provider contract, and builds its reporter from its scoped settings only. */
class PyroscopeReporterProviderContractTest extends ReporterProviderContract<PyroscopeReporterProvider> {
    @TempDir
    Path dir;

    @Override
    protected PyroscopeReporterProvider provider() {
        return new PyroscopeReporterProvider();
    }

    @Override
    protected ZprofConfig config() {
        // its upload state lives in the dump directory
        return ZprofConfig.builder().dump(d -> d.directory(dir)).build();
    }

    @Override
    protected Map<String, String> validSettings() {
        return Map.of("zprof.reporter.pyroscope.url", "http://127.0.0.1:4040", "zprof.reporter.pyroscope.labels", "env=prod");
    }

    @Override
    protected Optional<Map.Entry<String, String>> badSetting() {
        return Optional.of(Map.entry("zprof.reporter.pyroscope.url", "ftp://profiles.example"));
    }

    @Test
    void createsAReporterFromItsScopedProperties() {
        ZprofConfig config = ZprofConfig.builder().report(r -> r.callTimeout(Duration.ofSeconds(30))).build();
        try (Reporter r = provider().create(TestProviderContext.of(config, Map.of(
                "zprof.reporter.pyroscope.url", "http://127.0.0.1:4040",
                "zprof.reporter.pyroscope.labels", "env=prod",
                "zprof.reporter.http.url", "http://not-mine/")).forbiddingThreads())) {
            PyroscopeReporter p = (PyroscopeReporter) r;
            assertEquals("http://127.0.0.1:4040/", p.config().endpoint().url());
            assertEquals(Map.of("env", "prod"), p.config().labels());
            assertEquals(Duration.ofSeconds(27), p.config().endpoint().callTimeout());
        }
    }

    @Test
    void missingUrlNamesTheFullKeyInCreateAndInValidate() {
        TestProviderContext noUrl = TestProviderContext.of(Map.of());
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> provider().create(noUrl));
        assertEquals("zprof.reporter.pyroscope.url", e.key());
        assertEquals("zprof.reporter.pyroscope.url", assertThrows(ConfigurationException.class, () -> provider().validate(noUrl)).key());
    }
}
