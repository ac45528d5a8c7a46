package io.zprof.api.config;

import java.time.Duration;

/**
 * Continuous profiling: a JFR chunk every {@code uploadInterval}, without overlapping windows, shipped to the
 * reporters on top of triggered captures (for Pyroscope).
 *
 * @param enabled        off by default
 * @param uploadInterval length of each chunk
 */
public record ProfilingConfig(boolean enabled, Duration uploadInterval) {
    /** Validates every component. */
    public ProfilingConfig {
        SingleSettingChecks.between("zprof.profiling.interval", uploadInterval, Duration.ofSeconds(1), SingleSettingChecks.LONGEST_STEP);
    }

    /** @return off, 10 s */
    public static ProfilingConfig defaults() {
        return new ProfilingConfig(false, Duration.ofSeconds(10));
    }

    /** @param v on or off @return a copy */
    public ProfilingConfig enabled(boolean v) { return new ProfilingConfig(v, uploadInterval); }
    /** @param v chunk length @return a copy */
    public ProfilingConfig uploadInterval(Duration v) { return new ProfilingConfig(enabled, v); }
}
