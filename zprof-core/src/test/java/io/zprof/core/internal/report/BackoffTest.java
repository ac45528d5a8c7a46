package io.zprof.core.internal.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.RetryConfig;
import io.zprof.api.port.ReportException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Backoff arithmetic and failure classification, with a fixed "random" source. */
class BackoffTest {
    private final RetryConfig retry = new RetryConfig(5, Duration.ofSeconds(1), Duration.ofSeconds(30),
            Duration.ofMinutes(2), Duration.ZERO);

    @Test
    void fullJitterDoublesUpToTheCap() {
        Backoff max = new Backoff(retry, () -> 0.999999);
        assertEquals(1, Math.round(max.beforeAttempt(1, null).toMillis() / 1000.0));
        assertEquals(2, Math.round(max.beforeAttempt(2, null).toMillis() / 1000.0));
        assertEquals(4, Math.round(max.beforeAttempt(3, null).toMillis() / 1000.0));
        assertEquals(16, Math.round(max.beforeAttempt(5, null).toMillis() / 1000.0));
        assertEquals(30, Math.round(max.beforeAttempt(6, null).toMillis() / 1000.0));
        assertEquals(30, Math.round(max.beforeAttempt(60, null).toMillis() / 1000.0));
        Backoff min = new Backoff(retry, () -> 0.0);
        assertEquals(Duration.ZERO, min.beforeAttempt(4, null));
    }

    @Test
    void retryAfterIsHonouredUpToTheRoundLimit() {
        Backoff b = new Backoff(retry, () -> 0.5);
        assertEquals(Duration.ofSeconds(45), b.beforeAttempt(1, Duration.ofSeconds(45)), "beyond maxBackoff is fine");
        assertEquals(Duration.ofMinutes(2), b.beforeAttempt(1, Duration.ofHours(1)), "capped by maxElapsed");
        assertEquals(Duration.ZERO, b.beforeAttempt(1, Duration.ofSeconds(-5)));
        assertEquals(Duration.ofSeconds(45), b.betweenRounds(Duration.ofSeconds(45)));
    }

    @Test
    void roundsWaitBetweenHalfAndAllOfTheCap() {
        assertEquals(Duration.ofSeconds(15), new Backoff(retry, () -> 0.0).betweenRounds(null));
        assertEquals(Duration.ofSeconds(30), new Backoff(retry, () -> 1.0).betweenRounds(null));
    }

    @Test
    void roundEndsAtMaxAttemptsOrMaxElapsed() {
        Backoff b = new Backoff(retry, () -> 0.5);
        assertTrue(b.roundContinues(4, Duration.ofSeconds(10), Duration.ofSeconds(1)));
        assertFalse(b.roundContinues(5, Duration.ofSeconds(10), Duration.ofSeconds(1)));
        assertFalse(b.roundContinues(1, Duration.ofSeconds(110), Duration.ofSeconds(11)));
    }

    @Test
    void failuresAreClassified() {
        Failure retryable = Failure.of(new ReportException("HTTP 503", true, Duration.ofSeconds(5)));
        assertTrue(retryable.retryable());
        assertEquals(Duration.ofSeconds(5), retryable.retryAfter());
        assertFalse(Failure.of(new ReportException("HTTP 401", false, null)).retryable());
        assertTrue(Failure.of(new ConnectException("Connection refused")).retryable());
        assertTrue(Failure.of(new UncheckedIOException(new IOException("reset"))).retryable());
        assertTrue(Failure.of(new OutOfMemoryError("Java heap space")).retryable());
        assertFalse(Failure.of(new NoSuchFileException("/dumps/cpu.jfr")).retryable(), "a missing file stays missing");
        Failure bug = Failure.of(new IllegalStateException("bug"));
        assertFalse(bug.retryable());
        assertTrue(bug.cause() instanceof IllegalStateException, "kept for the stack trace");
        assertNull(Failure.of(new ConnectException("x")).cause());
        assertEquals("ConnectException: multi line", Failure.of(new ConnectException("multi\nline")).message());
    }
}
