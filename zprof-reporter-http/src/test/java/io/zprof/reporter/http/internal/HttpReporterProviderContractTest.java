package io.zprof.reporter.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zprof.api.config.ConfigurationException;
import io.zprof.api.config.ZprofConfig;
import io.zprof.api.port.Reporter;
import io.zprof.reporter.http.HttpReporter;
import io.zprof.testing.ReporterProviderContract;
import io.zprof.testing.TestProviderContext;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The HTTP reporter keeps the provider contract, and builds its reporter from its scoped settings only. */
class HttpReporterProviderContractTest extends ReporterProviderContract<HttpReporterProvider> {
    @Override
    protected HttpReporterProvider provider() {
        return new HttpReporterProvider();
    }

    @Override
    protected Map<String, String> validSettings() {
        return Map.of("zprof.reporter.http.url", "http://127.0.0.1:9/events", "zprof.reporter.http.format", "multipart",
                "zprof.reporter.http.headers.X-Team", "diagnostics");
    }

    @Override
    protected Optional<Map.Entry<String, String>> badSetting() {
        return Optional.of(Map.entry("zprof.reporter.http.format", "carrier-pigeon"));
    }

    @Test
    void createsAReporterFromItsScopedProperties() {
        ZprofConfig config = ZprofConfig.builder().report(r -> r.callTimeout(Duration.ofSeconds(20))).build();
        try (Reporter r = provider().create(TestProviderContext.of(config, Map.of(
                "zprof.reporter.http.url", "http://127.0.0.1:9/events",
                "zprof.reporter.http.format", "multipart",
                "zprof.reporter.pyroscope.url", "http://not-mine/")).forbiddingThreads())) {
            HttpReporter http = (HttpReporter) r;
            assertEquals("http://127.0.0.1:9/events", http.config().endpoint().url());
            assertEquals(Duration.ofSeconds(18), http.config().endpoint().callTimeout());
        }
    }

    @Test
    void missingUrlNamesTheFullKeyInCreateAndInValidate() {
        TestProviderContext noUrl = TestProviderContext.of(Map.of("zprof.reporter.http.token", "abc"));
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> provider().create(noUrl));
        assertEquals("zprof.reporter.http.url", e.key());
        // validate() parses the same settings for an engine that is stopped, without building a client
        assertEquals("zprof.reporter.http.url", assertThrows(ConfigurationException.class, () -> provider().validate(noUrl)).key());
    }
}
