package io.zprof.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when the test moves it, for {@code Zprof.builder().clock(...)}: cooldowns, event times and
 * rates then follow the test exactly, and so does the sampler's interval (without {@code manualSampling()}, a
 * scheduled cycle runs each time the clock has moved by the interval). Millisecond resolution, UTC, thread-safe.
 *
 * <p>Start it near the real time (the no-argument constructor does): report delivery ages events by the real
 * clock and drops those older than {@code zprof.report.retry.maxage}.
 */
public final class ManualClock extends Clock {
    private final AtomicLong millis;

    /** A clock standing at the current time. */
    public ManualClock() {
        this(Instant.now());
    }

    /** @param start the time it stands at until moved */
    public ManualClock(Instant start) {
        this.millis = new AtomicLong(start.toEpochMilli());
    }

    /**
     * @param d how far to move forward (a negative duration moves it back)
     * @return the new time
     */
    public Instant advance(Duration d) {
        return Instant.ofEpochMilli(millis.addAndGet(d.toMillis()));
    }

    /** @param t the new time */
    public void set(Instant t) {
        millis.set(Objects.requireNonNull(t, "time").toEpochMilli());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** @param zone ignored: this clock is always UTC @return this clock */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public long millis() {
        return millis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public String toString() {
        return "ManualClock[" + instant() + "]";
    }
}
