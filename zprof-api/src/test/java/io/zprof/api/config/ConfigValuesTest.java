package io.zprof.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConfigValuesTest {

    @Test
    void formatsDurationsInTheUnitTheyAreWrittenIn() {
        assertEquals("50ms", ConfigValues.formatDuration(Duration.ofMillis(50)));
        assertEquals("1500ms", ConfigValues.formatDuration(Duration.ofMillis(1500)));
        assertEquals("5s", ConfigValues.formatDuration(Duration.ofSeconds(5)));
        assertEquals("90s", ConfigValues.formatDuration(Duration.ofSeconds(90)));
        assertEquals("10m", ConfigValues.formatDuration(Duration.ofMinutes(10)));
        assertEquals("1h", ConfigValues.formatDuration(Duration.ofHours(1)));
        assertEquals("2d", ConfigValues.formatDuration(Duration.ofDays(2)));
        assertEquals("0ms", ConfigValues.formatDuration(Duration.ZERO));
    }

    @Test
    void keepsTheIsoFormWhereNoUnitHoldsTheDurationExactly() {
        assertEquals("PT0.0005S", ConfigValues.formatDuration(Duration.ofNanos(500_000)));
        assertEquals("PT-5S", ConfigValues.formatDuration(Duration.ofSeconds(-5)));
    }

    @Test
    void aDurationTooLongForMillisecondsKeepsTheIsoFormInsteadOfThrowing() {
        Duration longest = Duration.ofSeconds(Long.MAX_VALUE);
        assertEquals(longest.toString(), ConfigValues.formatDuration(longest));
        assertEquals("106751991167d", ConfigValues.formatDuration(Duration.ofDays(106_751_991_167L)));
    }

    @Test
    void aDurationTooLongToRepresentIsAConfigurationErrorNamingKeyAndValue() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ConfigValues.parseDuration("zprof.interval", "1e30d"));
        assertTrue(e.getMessage().contains("zprof.interval") && e.getMessage().contains("1e30d"), e.getMessage());
    }

    @Test
    void whatItFormatsParsesBackToTheSameDuration() {
        for (Duration d : new Duration[] {Duration.ofMillis(50), Duration.ofMillis(1500), Duration.ofSeconds(90),
            Duration.ofMinutes(10), Duration.ofHours(36), Duration.ofDays(2), Duration.ofNanos(500_000)}) {
            assertEquals(d, ConfigValues.parseDuration("k", ConfigValues.formatDuration(d)), d.toString());
        }
    }
}
