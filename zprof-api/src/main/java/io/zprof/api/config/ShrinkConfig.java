package io.zprof.api.config;

import java.time.Duration;

/**
 * Thread shrinking: when JVM threads exceed {@code threshold}, dump, wait {@code delay}, shrink registered pools
 * by {@code shrinkCount} threads, and restore their sizes after {@code restoreAfter}.
 *
 * @param enabled      off until enabled
 * @param threshold    JVM thread count that starts a shrink
 * @param delay        wait between the dump and the shrink (let requests finish)
 * @param shrinkCount  threads to take away
 * @param restoreAfter time after the shrink when sizes are restored
 * @param cooldown     minimum time between two shrinks
 */
public record ShrinkConfig(boolean enabled, int threshold, Duration delay, int shrinkCount, Duration restoreAfter,
                           Duration cooldown) {
    /** Validates every component. */
    public ShrinkConfig {
        SingleSettingChecks.atLeast("zprof.shrink.threshold", threshold, 1);
        SingleSettingChecks.upTo("zprof.shrink.delay", delay, SingleSettingChecks.LONGEST_WAIT);
        SingleSettingChecks.atLeast("zprof.shrink.count", shrinkCount, 1);
        SingleSettingChecks.upTo("zprof.shrink.restoreafter", restoreAfter, SingleSettingChecks.LONGEST_WAIT);
        SingleSettingChecks.upTo("zprof.shrink.cooldown", cooldown, SingleSettingChecks.LONGEST_WAIT);
    }

    /** @return the defaults: off, 1000 threads, 30 s delay, 100 threads, restore after 5 min, cooldown 10 min */
    public static ShrinkConfig defaults() {
        return new ShrinkConfig(false, 1000, Duration.ofSeconds(30), 100, Duration.ofMinutes(5), Duration.ofMinutes(10));
    }

    /** @param v on or off @return a copy */
    public ShrinkConfig enabled(boolean v) { return new ShrinkConfig(v, threshold, delay, shrinkCount, restoreAfter, cooldown); }
    /** @param v thread threshold @return a copy */
    public ShrinkConfig threshold(int v) { return new ShrinkConfig(enabled, v, delay, shrinkCount, restoreAfter, cooldown); }
    /** @param v delay @return a copy */
    public ShrinkConfig delay(Duration v) { return new ShrinkConfig(enabled, threshold, v, shrinkCount, restoreAfter, cooldown); }
    /** @param v threads to take away @return a copy */
    public ShrinkConfig shrinkCount(int v) { return new ShrinkConfig(enabled, threshold, delay, v, restoreAfter, cooldown); }
    /** @param v restore delay @return a copy */
    public ShrinkConfig restoreAfter(Duration v) { return new ShrinkConfig(enabled, threshold, delay, shrinkCount, v, cooldown); }
    /** @param v cooldown @return a copy */
    public ShrinkConfig cooldown(Duration v) { return new ShrinkConfig(enabled, threshold, delay, shrinkCount, restoreAfter, v); }
}
