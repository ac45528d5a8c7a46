package io.zprof.api.config;

import java.time.Duration;

/**
 * The checks of one setting on its own (its range, or that it is set) and the limits they use, shared by the
 * configuration records; each failure names the key and the value. Rules that tie settings together are checked
 * when a configuration is built ({@link ConfigProblems}). The ranges of durations and sizes are checked by
 * {@link ConfigValues#checkDuration} and {@link ConfigValues#checkBytes}, so the builders and the property parser
 * say the same.
 */
enum SingleSettingChecks {
    ;

    /** Cooldowns and other waits between two actions. */
    static final Duration LONGEST_WAIT = Duration.ofDays(30);
    /** Recordings, timeouts, intervals: what a thread waits for in one go. */
    static final Duration LONGEST_STEP = Duration.ofHours(1);
    /** JFR sampling periods: JFR takes whole milliseconds at the least; above 10 s a profile says nothing. */
    static final Duration SHORTEST_SAMPLE_PERIOD = Duration.ofMillis(1);
    static final Duration LONGEST_SAMPLE_PERIOD = Duration.ofSeconds(10);
    /** 1 MiB: the least byte budget for a retention or a JFR ring. */
    static final long ONE_MIB = 1024 * 1024;

    static double nonNegative(String key, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new ConfigurationException(key, v, "must be a finite number >= 0");
        }
        return v;
    }

    static int atLeast(String key, int v, int min) {
        if (v < min) {
            throw new ConfigurationException(key, v, "must be >= " + min);
        }
        return v;
    }

    static int between(String key, int v, int min, int max) {
        atLeast(key, v, min);
        if (v > max) {
            throw new ConfigurationException(key, v, "must be <= " + max);
        }
        return v;
    }

    /** @return {@code d} when it is from 0 to {@code max} */
    static Duration upTo(String key, Duration d, Duration max) {
        return ConfigValues.checkDuration(key, d, Duration.ZERO, max);
    }

    /** @return {@code d} when it is above 0 and at most {@code max} */
    static Duration positive(String key, Duration d, Duration max) {
        return ConfigValues.checkDuration(key, d, ConfigValues.ANY_POSITIVE, max);
    }

    /** @return {@code d} when it is from {@code min} to {@code max} */
    static Duration between(String key, Duration d, Duration min, Duration max) {
        return ConfigValues.checkDuration(key, d, min, max);
    }

    /** A JFR execution-sample period: from 1 ms to 10 s. */
    static Duration samplePeriod(String key, Duration d) {
        return between(key, d, SHORTEST_SAMPLE_PERIOD, LONGEST_SAMPLE_PERIOD);
    }

    /** @return {@code v} when it is from {@code min} to {@link ConfigValues#LARGEST_SIZE} bytes */
    static long bytes(String key, long v, long min) {
        return ConfigValues.checkBytes(key, v, min, ConfigValues.LARGEST_SIZE);
    }

    static <T> T required(String key, T v) {
        if (v == null) {
            throw new ConfigurationException(key, "null", "is required");
        }
        return v;
    }
}
