package io.zprof.api.config;

import java.time.Duration;

/**
 * The continuous low-overhead JFR recording kept in a bounded ring, written out when any rule fires, so the
 * evidence covers the time before the trigger.
 *
 * @param enabled      whether the recording runs while the engine runs
 * @param maxAge       how far back the ring reaches
 * @param maxSize      the ring's byte budget
 * @param samplePeriod the ring's JFR sampling period (Java and native samples): each wakes JFR's sampler and stops
 *                     the sampled thread, so this sets most of the window's cost; triggered captures sample at
 *                     {@code zprof.dump.sampleperiod}
 */
public record WindowConfig(boolean enabled, Duration maxAge, long maxSize, Duration samplePeriod) {
    /** Validates every component. */
    public WindowConfig {
        SingleSettingChecks.positive("zprof.dump.window.maxage", maxAge, Duration.ofDays(1));
        SingleSettingChecks.bytes("zprof.dump.window.maxsize", maxSize, SingleSettingChecks.ONE_MIB);
        SingleSettingChecks.samplePeriod("zprof.dump.window.sampleperiod", samplePeriod);
    }

    /** @return the defaults: off, 2 minutes, 32 MiB, a sample every 50 ms */
    public static WindowConfig defaults() {
        return new WindowConfig(false, Duration.ofMinutes(2), 32L * 1024 * 1024, Duration.ofMillis(50));
    }

    /** @param v on or off @return a copy */
    public WindowConfig enabled(boolean v) { return new WindowConfig(v, maxAge, maxSize, samplePeriod); }
    /** @param v max age @return a copy */
    public WindowConfig maxAge(Duration v) { return new WindowConfig(enabled, v, maxSize, samplePeriod); }
    /** @param v max size in bytes @return a copy */
    public WindowConfig maxSize(long v) { return new WindowConfig(enabled, maxAge, v, samplePeriod); }
    /** @param v sampling period @return a copy */
    public WindowConfig samplePeriod(Duration v) { return new WindowConfig(enabled, maxAge, maxSize, v); }
}
