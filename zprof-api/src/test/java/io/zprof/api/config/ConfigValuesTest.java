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

    @Test
    void aBareNumberIsNoDurationButZeroIs() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ConfigValues.parseDuration("zprof.interval", "5"));
        assertEquals("zprof.interval=5: needs a unit (e.g. 5ms or 5s)", e.getMessage());
        assertEquals(Duration.ZERO, ConfigValues.parseDuration("k", "0"));
    }

    @Test
    void durationsAreExactPlainDecimalsWithAUnit() {
        assertEquals(Duration.ofMillis(1500), ConfigValues.parseDuration("k", "1.5s"));
        assertEquals(Duration.ofMinutes(90), ConfigValues.parseDuration("k", "1.5h"));
        assertEquals(Duration.ofSeconds(864), ConfigValues.parseDuration("k", "0.01d"));
        assertEquals(Duration.ofSeconds(5), ConfigValues.parseDuration("k", " 5 s "));
        for (String bad : new String[] {"5fs", "1e3s", "0x10s", "NaNs", "Infinitys", "5 x", ".5s", "5.s"}) {
            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> ConfigValues.parseDuration("zprof.interval", bad), bad);
            assertTrue(e.getMessage().startsWith("zprof.interval=" + bad + ": "), e.getMessage());
        }
    }

    @Test
    void aDurationLongerThanAYearIsRefusedAsTyped() {
        for (String tooLong : new String[] {"300000d", "366d", "P300000D", "1000000000000d"}) {
            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> ConfigValues.parseDuration("zprof.threads.cooldown", tooLong), tooLong);
            assertEquals("zprof.threads.cooldown=" + tooLong + ": must be at most 365d", e.getMessage());
        }
        assertEquals(Duration.ofDays(365), ConfigValues.parseDuration("k", "365d"));
    }

    @Test
    void numbersArePlainDecimals() {
        assertEquals(80.0, ConfigValues.parseDouble("k", "80"));
        assertEquals(0.7, ConfigValues.parseDouble("k", " 0.7 "));
        assertEquals(-5.0, ConfigValues.parseDouble("k", "-5"));
        for (String bad : new String[] {"80f", "80d", "0x1p6", "NaN", "Infinity", "-Infinity", "8e1", "", "1,5"}) {
            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> ConfigValues.parseDouble("zprof.cpu.abs", bad), bad);
            assertEquals("zprof.cpu.abs=" + bad + ": not a plain decimal number (e.g. 80 or 0.7)", e.getMessage());
        }
    }

    @Test
    void sizesArePlainDecimalsUpToOnePebibyte() {
        assertEquals(512L << 20, ConfigValues.parseBytes("k", "512MiB"));
        assertEquals(1536, ConfigValues.parseBytes("k", "1.5k"));
        assertEquals(1L << 50, ConfigValues.parseBytes("k", "1p"));
        assertEquals(2L << 40, ConfigValues.parseBytes("k", "2TiB"));
        for (String bad : new String[] {"1e30g", "2p", "9223372036854775807000"}) {
            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> ConfigValues.parseBytes("zprof.dump.maxbytes", bad), bad);
            assertEquals("zprof.dump.maxbytes=" + bad + ": " + (bad.contains("e") ? "not a size (use e.g. 1048576, 512k, 64MiB or 1g)"
                    : "must be at most 1PiB"), e.getMessage());
        }
        assertThrows(ConfigurationException.class, () -> ConfigValues.parseBytes("k", "0x10"));
        assertThrows(ConfigurationException.class, () -> ConfigValues.parseBytes("k", "-1k"));
    }
}
