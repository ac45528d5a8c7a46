package io.zprof.reporter.pyroscope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ConfigurationException;
import io.zprof.core.Zprof;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 item 3, for the pyroscope reporter found by ServiceLoader: every key it reads is accepted, a mistyped
 * one is refused naming the key and never the value.
 */
class UnknownSettingsTest {
    private static final String CANARY = "CANARY-pw-93c2";

    private static Map<String, String> everyKey() {
        Map<String, String> m = new HashMap<>();
        m.put("zprof.reporters", "pyroscope");
        String p = "zprof.reporter.pyroscope.";
        m.put(p + "url", "http://127.0.0.1:9/");
        m.put(p + "app", "checkout");
        m.put(p + "labels", "env=prod");
        m.put(p + "labels.region", "eu");
        m.put(p + "tenant", "t1");
        m.put(p + "gzip", "false");
        m.put(p + "ingestionwindow", "2h");
        m.put(p + "username", "ops");
        m.put(p + "password", "pw");
        m.put(p + "headers.X-Team", "core");
        m.put(p + "headers", "X-Env=prod");
        m.put(p + "connecttimeout", "1s");
        m.put(p + "readtimeout", "2s");
        m.put(p + "writetimeout", "3s");
        m.put(p + "calltimeout", "4s");
        return m;
    }

    @Test
    void everyKeyItReadsIsAccepted() {
        Zprof.builder().properties(ConfigProperties.of(everyKey())).build().close();
    }

    @Test
    void aMistypedPasswordKeyIsRefusedWithoutItsValue() {
        Map<String, String> props = everyKey();
        props.remove("zprof.reporter.pyroscope.password");
        props.put("zprof.reporter.pyroscope.pasword", CANARY);
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> Zprof.builder().properties(ConfigProperties.of(props)).build());
        assertEquals("zprof.reporter.pyroscope.pasword", e.key());
        assertFalse(e.getMessage().contains(CANARY), e.getMessage());
    }

    @Test
    void anIngestionWindowBeyondAMonthIsRefusedAsTyped() {
        Map<String, String> props = everyKey();
        props.put("zprof.reporter.pyroscope.ingestionwindow", "744h");
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> PyroscopeReporterConfig.fromProperties(ConfigProperties.of(props)
                        .withPrefix("zprof.reporter.pyroscope."), java.time.Duration.ofSeconds(60)));
        assertEquals("zprof.reporter.pyroscope.ingestionwindow=744h: must be at most 30d", e.getMessage());
    }
}
