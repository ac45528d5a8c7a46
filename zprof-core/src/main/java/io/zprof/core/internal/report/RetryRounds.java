package io.zprof.core.internal.report;

import java.time.Duration;

/**
 * The retry rounds of one reporter: an event is tried up to {@code zprof.report.retry.maxattempts} times within
 * {@code maxelapsed}, with {@link Backoff} between attempts; when its round is over it goes to the back of the line
 * and the reporter waits half to all of {@code maxbackoff} before its next call. Pure: times are passed in, read from
 * the channel's {@link TimeSource}.
 */
final class RetryRounds {
    private final Backoff backoff;

    /** @param backoff the delays */
    RetryRounds(Backoff backoff) {
        this.backoff = backoff;
    }

    /**
     * What to do after a failed attempt.
     *
     * @param delayNanos how long the reporter waits before its next call
     * @param sameRound  {@code true}: try this event again first; {@code false}: its round failed, it goes to the back
     */
    record Decision(long delayNanos, boolean sameRound) {
    }

    /**
     * Counts an attempt that starts now.
     *
     * @param p   the event
     * @param now the time source's reading
     * @return whether it is a retry (the event was attempted before, in this run or an earlier one)
     */
    boolean attemptStarts(Pending p, long now) {
        boolean retry = p.attempts > 0;
        p.attempts++;
        if (p.roundAttempts == 0) {
            p.roundStartNanos = now;
        }
        p.roundAttempts++;
        return retry;
    }

    /**
     * @param p   the event whose attempt failed (retryably)
     * @param f   why
     * @param now the time source's reading
     * @return when and where it is tried again; a failed round starts a new one for the event
     */
    Decision afterFailure(Pending p, Failure f, long now) {
        Duration delay = backoff.beforeAttempt(p.roundAttempts, f.retryAfter());
        boolean sameRound = backoff.roundContinues(p.roundAttempts, Duration.ofNanos(now - p.roundStartNanos), delay);
        if (!sameRound) {
            delay = backoff.betweenRounds(f.retryAfter());
            p.roundAttempts = 0;
        }
        return new Decision(delay.toNanos(), sameRound);
    }
}
