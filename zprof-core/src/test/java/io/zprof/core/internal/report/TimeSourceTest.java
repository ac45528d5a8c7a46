package io.zprof.core.internal.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.core.fixtures.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The one time source: a test's clock drives durations; the system clock uses the monotonic timer. */
class TimeSourceTest {

    @Test
    void aManualClockDrivesDurationsAndShortensRealWaits() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T12:00:00Z"));
        TimeSource t = TimeSource.of(clock);
        long before = t.nanos();
        clock.advance(Duration.ofMillis(1500));
        assertEquals(1_500_000_000L, t.nanos() - before);
        assertEquals(Instant.parse("2026-01-01T12:00:01.500Z"), t.instant());
        assertEquals(TimeSource.MANUAL_RECHECK_NANOS, t.realWait(Duration.ofMinutes(1).toNanos()),
                "a thread waiting on the test's clock looks again soon");
    }

    @Test
    void theSystemClockInAnyZoneUsesTheMonotonicTimer() {
        TimeSource t = TimeSource.of(Clock.system(ZoneId.of("Europe/Paris")));
        long wait = Duration.ofMinutes(1).toNanos();
        assertEquals(wait, t.realWait(wait), "waits are real waits");
        long a = t.nanos();
        long n = System.nanoTime();
        assertTrue(Math.abs(n - a) < Duration.ofSeconds(10).toNanos(), "read from System.nanoTime()");
    }
}
