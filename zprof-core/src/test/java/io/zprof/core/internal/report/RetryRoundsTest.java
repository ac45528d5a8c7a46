package io.zprof.core.internal.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.RetryConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Attempts, rounds and delays of one event, with times passed in: no clock, no thread. */
class RetryRoundsTest {
    private static final long S = 1_000_000_000L;
    private final RetryConfig retry = new RetryConfig(3, Duration.ofSeconds(1), Duration.ofSeconds(8),
            Duration.ofSeconds(60), Duration.ZERO);
    /** The largest draw: every delay is its cap. */
    private final RetryRounds rounds = new RetryRounds(new Backoff(retry, () -> 0.999999999));

    private static Pending pending() {
        return Pending.onDisk(new SpoolEntry(1, Path.of("/spool/http/1-e"), 10, 0));
    }

    @Test
    void aRoundEndsAfterMaxAttemptsAndTheEventGoesToTheBackAfterAWaitBetweenRounds() {
        Pending p = pending();
        Failure refused = Failure.retryLater("Connection refused");
        assertFalse(rounds.attemptStarts(p, 0), "the first attempt is no retry");
        RetryRounds.Decision d1 = rounds.afterFailure(p, refused, 0);
        assertTrue(d1.sameRound());
        assertEquals(1, Math.round(d1.delayNanos() / (double) S));
        assertTrue(rounds.attemptStarts(p, 1 * S));
        RetryRounds.Decision d2 = rounds.afterFailure(p, refused, 1 * S);
        assertTrue(d2.sameRound());
        assertEquals(2, Math.round(d2.delayNanos() / (double) S));
        rounds.attemptStarts(p, 3 * S);
        RetryRounds.Decision d3 = rounds.afterFailure(p, refused, 3 * S);
        assertFalse(d3.sameRound(), "three attempts make a round");
        assertEquals(8, Math.round(d3.delayNanos() / (double) S), "then half to all of maxbackoff");
        assertEquals(3, p.attempts);
        assertEquals(0, p.roundAttempts, "the next attempt starts a new round");
    }

    @Test
    void aRoundAlsoEndsWhenTheNextAttemptWouldPassMaxElapsed() {
        Pending p = pending();
        rounds.attemptStarts(p, 0);
        RetryRounds.Decision d = rounds.afterFailure(p, Failure.retryLater("timeout"), 59 * S + S / 2);
        assertFalse(d.sameRound(), "59.5 s into a 60 s round, a 1 s backoff does not fit");
    }

    @Test
    void retryAfterSetsTheDelay() {
        Pending p = pending();
        rounds.attemptStarts(p, 0);
        RetryRounds.Decision d = rounds.afterFailure(p, new Failure(true, Duration.ofSeconds(5), false, "429", null), 0);
        assertTrue(d.sameRound());
        assertEquals(5 * S, d.delayNanos());
    }
}
