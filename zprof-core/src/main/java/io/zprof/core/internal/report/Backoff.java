package io.zprof.core.internal.report;

import io.zprof.api.config.RetryConfig;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Delays between delivery attempts: "full jitter" exponential backoff (a uniform draw between zero and
 * {@code initialBackoff * 2^(n-1)}, capped at {@code maxBackoff}), except that a server's {@code Retry-After} is
 * honoured as given, up to {@code maxElapsed}.
 */
final class Backoff {
    private final RetryConfig retry;
    private final DoubleSupplier random;

    /**
     * @param retry  the policy
     * @param random uniform numbers in [0, 1)
     */
    Backoff(RetryConfig retry, DoubleSupplier random) {
        this.retry = retry;
        this.random = random;
    }

    /**
     * @param failedAttempts attempts of this round that failed so far (1 after the first failure)
     * @param retryAfter     what the server asked for, or {@code null}
     * @return how long to wait before the next attempt of the same round
     */
    Duration beforeAttempt(int failedAttempts, Duration retryAfter) {
        if (retryAfter != null) {
            return honoured(retryAfter);
        }
        return jittered(exponentialCap(failedAttempts));
    }

    /**
     * A round gave up: wait between half and all of {@code maxBackoff} (or the server's {@code Retry-After}) before
     * the next round, so a dead endpoint is probed at most about once per {@code maxBackoff} and a recovered one is
     * noticed within that time.
     *
     * @param retryAfter what the server asked for, or {@code null}
     * @return how long the reporter waits before its next round
     */
    Duration betweenRounds(Duration retryAfter) {
        if (retryAfter != null) {
            return honoured(retryAfter);
        }
        long capNanos = retry.maxBackoff().toNanos();
        return Duration.ofNanos(capNanos / 2 + (long) (random.getAsDouble() * (capNanos - capNanos / 2)));
    }

    /**
     * @param failedAttempts attempts of this round that failed so far
     * @param roundElapsed   time since the round's first attempt started
     * @param nextDelay      the delay before the next attempt
     * @return whether another attempt still fits in the round
     */
    boolean roundContinues(int failedAttempts, Duration roundElapsed, Duration nextDelay) {
        return failedAttempts < retry.maxAttempts()
                && roundElapsed.plus(nextDelay).compareTo(retry.maxElapsed()) <= 0;
    }

    private Duration exponentialCap(int failedAttempts) {
        Duration cap = retry.maxBackoff();
        Duration d = retry.initialBackoff();
        for (int i = 1; i < failedAttempts && d.compareTo(cap) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(cap) > 0 ? cap : d;
    }

    private Duration jittered(Duration cap) {
        return Duration.ofNanos((long) (random.getAsDouble() * cap.toNanos()));
    }

    private Duration honoured(Duration retryAfter) {
        if (retryAfter.isNegative()) {
            return Duration.ZERO;
        }
        return retryAfter.compareTo(retry.maxElapsed()) > 0 ? retry.maxElapsed() : retryAfter;
    }
}
