package io.zprof.api.config;

import java.time.Duration;

/** Validation helpers shared by the configuration records; each failure names the key and the value. */
enum Checks {
    ;

    static double nonNegative(String key, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new ConfigurationException(key, v, "must be a finite number >= 0");
        }
        return v;
    }

    static long nonNegative(String key, long v) {
        if (v < 0) {
            throw new ConfigurationException(key, v, "must be >= 0");
        }
        return v;
    }

    static int atLeast(String key, int v, int min) {
        if (v < min) {
            throw new ConfigurationException(key, v, "must be >= " + min);
        }
        return v;
    }

    static Duration nonNegative(String key, Duration d) {
        if (d == null) {
            throw new ConfigurationException(key, "null", "is required");
        }
        if (d.isNegative()) {
            throw new ConfigurationException(key, d, "must not be negative");
        }
        return d;
    }

    static Duration positive(String key, Duration d) {
        nonNegative(key, d);
        if (d.isZero()) {
            throw new ConfigurationException(key, d, "must be > 0");
        }
        return d;
    }

    /** A JFR execution-sample period: JFR takes whole milliseconds at the least. */
    static Duration samplePeriod(String key, Duration d) {
        positive(key, d);
        if (d.toMillis() < 1) {
            throw new ConfigurationException(key, d, "must be at least 1ms");
        }
        return d;
    }

    static <T> T required(String key, T v) {
        if (v == null) {
            throw new ConfigurationException(key, "null", "is required");
        }
        return v;
    }
}
