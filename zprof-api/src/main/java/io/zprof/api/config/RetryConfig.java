package io.zprof.api.config;

import java.time.Duration;
import java.util.List;

/**
 * Delivery retries: jittered exponential backoff on I/O errors, 408, 429 and 5xx, honouring {@code Retry-After}.
 *
 * @param maxAttempts    attempts per delivery round, first one included
 * @param initialBackoff first backoff
 * @param maxBackoff     cap of one backoff, at least {@code initialBackoff} (checked where the whole configuration is
 *                       built: {@link ZprofConfig})
 * @param maxElapsed     cap of one delivery round; afterwards the event waits in the spool
 * @param maxAge         an event older than this (from its capture time) is given up instead of being sent, so an
 *                       endpoint back after a week is not flooded with stale evidence; {@link Duration#ZERO} keeps
 *                       events until they are delivered
 */
public record RetryConfig(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxElapsed,
                          Duration maxAge) {
    /** Validates every component on its own; the backoffs against each other are checked by {@link ZprofConfig}. */
    public RetryConfig {
        SingleSettingChecks.atLeast("zprof.report.retry.maxattempts", maxAttempts, 1);
        SingleSettingChecks.positive("zprof.report.retry.initialbackoff", initialBackoff, SingleSettingChecks.LONGEST_STEP);
        SingleSettingChecks.positive("zprof.report.retry.maxbackoff", maxBackoff, SingleSettingChecks.LONGEST_STEP);
        SingleSettingChecks.positive("zprof.report.retry.maxelapsed", maxElapsed, SingleSettingChecks.LONGEST_WAIT);
        SingleSettingChecks.upTo("zprof.report.retry.maxage", maxAge, ConfigValues.LONGEST_DURATION);
    }

    /**
     * The rule that ties the two backoffs together, checked when the whole configuration is built
     * ({@link ZprofConfig.Builder#build()}) rather than here: each wither makes a new record, so the backoffs could
     * otherwise only be raised in one order (the cap first).
     *
     * @param problems where a conflict is added
     */
    void checkBackoffs(List<ConfigurationException> problems) {
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            problems.add(new ConfigurationException("zprof.report.retry.maxbackoff", ConfigValues.formatDuration(maxBackoff),
                    "must be >= zprof.report.retry.initialbackoff (" + ConfigValues.formatDuration(initialBackoff) + ")"));
        }
    }

    /** @return 5 attempts, 1 s doubling up to 30 s, 2 minutes per round, events kept for 7 days */
    public static RetryConfig defaults() {
        return new RetryConfig(5, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofDays(7));
    }

    /** @param v attempts @return a copy */
    public RetryConfig maxAttempts(int v) { return new RetryConfig(v, initialBackoff, maxBackoff, maxElapsed, maxAge); }
    /** @param v first backoff @return a copy */
    public RetryConfig initialBackoff(Duration v) { return new RetryConfig(maxAttempts, v, maxBackoff, maxElapsed, maxAge); }
    /** @param v backoff cap @return a copy */
    public RetryConfig maxBackoff(Duration v) { return new RetryConfig(maxAttempts, initialBackoff, v, maxElapsed, maxAge); }
    /** @param v round cap @return a copy */
    public RetryConfig maxElapsed(Duration v) { return new RetryConfig(maxAttempts, initialBackoff, maxBackoff, v, maxAge); }
    /** @param v age after which an event is given up, {@link Duration#ZERO} for never @return a copy */
    public RetryConfig maxAge(Duration v) { return new RetryConfig(maxAttempts, initialBackoff, maxBackoff, maxElapsed, v); }
}
