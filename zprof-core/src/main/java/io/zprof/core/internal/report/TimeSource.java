package io.zprof.core.internal.report;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The one time source of report delivery and the sampler loop, made from the {@link Clock} the engine was given
 * ({@code Zprof.builder().clock(...)}): time stamps come from the clock, and so do the durations that drive call
 * timeouts, retries and backoff.
 *
 * <p>With the system clock, durations are measured with {@link System#nanoTime()}, so wall-clock jumps do not
 * disturb backoff. With any other clock (a test's manual clock) they follow the clock's instant, so a test moves
 * time forward instead of waiting for it; a thread waiting for a deadline then re-reads the clock at least every
 * {@link #MANUAL_RECHECK_NANOS}, so that it notices the test's move promptly.
 */
public final class TimeSource {
    /** The system clock's time source. */
    public static final TimeSource SYSTEM = new TimeSource(Clock.systemUTC(), true);
    /** How long a thread waits at most before re-reading a manual clock. */
    static final long MANUAL_RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final Clock clock;
    private final boolean system;

    private TimeSource(Clock clock, boolean system) {
        this.clock = clock;
        this.system = system;
    }

    /**
     * @param clock the engine's clock
     * @return the time source that follows it
     */
    public static TimeSource of(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        return new TimeSource(clock, clock.getClass() == Clock.systemUTC().getClass());
    }

    /** @return a reading for durations only, in nanoseconds (compare as {@code a - b}) */
    public long nanos() {
        if (system) {
            return System.nanoTime();
        }
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** @return the current instant, for time stamps */
    public Instant instant() {
        return clock.instant();
    }

    /** @return the clock */
    public Clock clock() {
        return clock;
    }

    /**
     * @param untilDeadline nanoseconds (of this source) until a deadline
     * @return how long a thread should really wait before it looks at the time again
     */
    public long realWait(long untilDeadline) {
        return system ? untilDeadline : Math.min(untilDeadline, MANUAL_RECHECK_NANOS);
    }
}
