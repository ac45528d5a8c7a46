package io.zprof.reporter.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ConfigurationException;
import io.zprof.api.config.ZprofConfig;
import io.zprof.api.port.Reporter;
import io.zprof.api.spi.ProviderContext;
import io.zprof.api.spi.ReporterProvider;
import io.zprof.reporter.http.HttpReporter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;

/** ServiceLoader finds exactly this module's provider, and it builds a reporter from scoped properties. */
class ServiceRegistrationTest {
    @Test
    void serviceLoaderFindsExactlyTheHttpProvider() {
        List<ReporterProvider> found = ServiceLoader.load(ReporterProvider.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        assertEquals(1, found.size(), found.toString());
        assertEquals(HttpReporterProvider.class, found.get(0).getClass());
        assertEquals("http", found.get(0).name());
        assertTrue(found.get(0).availability(context(Map.of())).available());
    }

    @Test
    void createsAReporterFromItsScopedProperties() {
        ZprofConfig config = ZprofConfig.builder().report(r -> r.callTimeout(Duration.ofSeconds(20))).build();
        Reporter r = new HttpReporterProvider().create(context(config, Map.of(
                "zprof.reporter.http.url", "http://127.0.0.1:9/events",
                "zprof.reporter.http.format", "multipart",
                "zprof.reporter.pyroscope.url", "http://not-mine/")));
        try {
            HttpReporter http = (HttpReporter) r;
            assertEquals("http://127.0.0.1:9/events", http.config().endpoint().url());
            assertEquals(Duration.ofSeconds(18), http.config().endpoint().callTimeout());
        } finally {
            r.close();
        }
    }

    @Test
    void missingUrlNamesTheFullKeyInCreateAndInValidate() {
        ProviderContext noUrl = context(Map.of("zprof.reporter.http.token", "abc"));
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> new HttpReporterProvider().create(noUrl));
        assertEquals("zprof.reporter.http.url", e.key());
        // validate() parses the same settings for an engine that is stopped, without building a client
        assertEquals("zprof.reporter.http.url",
                assertThrows(ConfigurationException.class, () -> new HttpReporterProvider().validate(noUrl)).key());
        new HttpReporterProvider().validate(context(Map.of("zprof.reporter.http.url", "http://127.0.0.1:9/events")));
    }

    static ProviderContext context(Map<String, String> props) {
        return context(ZprofConfig.defaults(), props);
    }

    static ProviderContext context(ZprofConfig config, Map<String, String> props) {
        return new ProviderContext() {
            @Override
            public ZprofConfig config() {
                return config;
            }

            @Override
            public ConfigProperties properties() {
                return ConfigProperties.of(props);
            }

            @Override
            public ThreadFactory threadFactory(String purpose) {
                throw new AssertionError("the http reporter needs no threads");
            }
        };
    }
}
