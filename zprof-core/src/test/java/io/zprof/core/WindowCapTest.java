package io.zprof.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ConfigurationException;
import io.zprof.api.config.ZprofConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 item 6: each rule keeps {@code zprof.window} samples in memory, so a window without an upper bound threw
 * OutOfMemoryError from {@code build()}, and an {@code update()} to 30 M reset the rule windows and then failed with
 * the configuration unchanged. The window is capped and checked before anything is allocated.
 */
class WindowCapTest {

    @Test
    void aHugeWindowIsRefusedByBuildNamingKeyAndValue() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> Zprof.builder()
                .properties(ConfigProperties.of(Map.of("zprof.window", "2147483647"))).build());
        assertEquals("zprof.window=2147483647: must be <= " + ZprofConfig.MAX_WINDOW, e.getMessage());
    }

    @Test
    void aHugeWindowUpdateChangesNothing() {
        try (Zprof zprof = Zprof.builder().properties(ConfigProperties.of(Map.of("zprof.window", "20"))).build()) {
            ZprofConfig before = zprof.config();
            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> zprof.update(b -> b.windowSize(30_000_000)));
            assertEquals("zprof.window", e.key());
            assertSame(before, zprof.config());
            zprof.update(b -> b.windowSize(ZprofConfig.MAX_WINDOW));
            assertEquals(ZprofConfig.MAX_WINDOW, zprof.config().windowSize());
        }
    }
}
