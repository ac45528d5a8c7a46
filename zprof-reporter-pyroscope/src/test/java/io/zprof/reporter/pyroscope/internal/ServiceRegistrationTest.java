package io.zprof.reporter.pyroscope.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ConfigurationException;
import io.zprof.api.config.ZprofConfig;
import io.zprof.api.port.Reporter;
import io.zprof.api.spi.ProviderContext;
import io.zprof.api.spi.ReporterProvider;
import io.zprof.reporter.pyroscope.PyroscopeReporter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;

/** ServiceLoader finds exactly this module's provider, and it builds a reporter from scoped properties. */
class ServiceRegistrationTest {
    @Test
    void serviceLoaderFindsExactlyThePyroscopeProvider() {
        List<ReporterProvider> found = ServiceLoader.load(ReporterProvider.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        assertEquals(1, found.size(), found.toString());
        assertEquals(PyroscopeReporterProvider.class, found.get(0).getClass());
        assertEquals("pyroscope", found.get(0).name());
    }

    @Test
    void createsAReporterFromItsScopedProperties() {
        ZprofConfig config = ZprofConfig.builder().report(r -> r.callTimeout(Duration.ofSeconds(30))).build();
        Reporter r = new PyroscopeReporterProvider().create(context(config, Map.of(
                "zprof.reporter.pyroscope.url", "http://127.0.0.1:4040",
                "zprof.reporter.pyroscope.labels", "env=prod",
                "zprof.reporter.http.url", "http://not-mine/")));
        try {
            PyroscopeReporter p = (PyroscopeReporter) r;
            assertEquals("http://127.0.0.1:4040/", p.config().endpoint().url());
            assertEquals(Map.of("env", "prod"), p.config().labels());
            assertEquals(Duration.ofSeconds(27), p.config().endpoint().callTimeout());
        } finally {
            r.close();
        }
    }

    @Test
    void missingUrlNamesTheFullKeyInCreateAndInValidate() {
        ProviderContext noUrl = context(ZprofConfig.defaults(), Map.of());
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> new PyroscopeReporterProvider().create(noUrl));
        assertEquals("zprof.reporter.pyroscope.url", e.key());
        assertEquals("zprof.reporter.pyroscope.url",
                assertThrows(ConfigurationException.class, () -> new PyroscopeReporterProvider().validate(noUrl)).key());
    }

    private static ProviderContext context(ZprofConfig config, Map<String, String> props) {
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
                throw new AssertionError("the pyroscope reporter needs no threads");
            }
        };
    }
}
