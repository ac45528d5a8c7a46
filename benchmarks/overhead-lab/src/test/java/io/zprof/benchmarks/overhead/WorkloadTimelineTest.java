package io.zprof.benchmarks.overhead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zprof.benchmarks.overhead.CycleLockedCost.WorkloadTimeline;
import org.junit.jupiter.api.Test;

class WorkloadTimelineTest {
    private static final long MS = 1_000_000;

    /** A stamp every 100 ops, 1 ms apart, from t = 0 to 1 s, except for a pause of {@code pause} starting at 500 ms. */
    private static WorkloadTimeline steadyWithPauseAt500ms(long pause) {
        long[] stamps = new long[1001];
        for (int i = 0; i < stamps.length; i++) {
            long t = i * MS;
            stamps[i] = t >= 500 * MS ? t + pause : t;
        }
        return new WorkloadTimeline(stamps, stamps.length, 100);
    }

    @Test
    void opsAreInterpolatedBetweenStamps() {
        WorkloadTimeline t = steadyWithPauseAt500ms(0);
        assertEquals(0, t.opsAt(0), 1e-9);
        assertEquals(250, t.opsAt(2_500_000), 1e-9);
        assertEquals(10_000, t.opsAt(100 * MS), 1e-9);
    }

    @Test
    void aSteadyWorkloadLosesNothing() {
        assertEquals(0, steadyWithPauseAt500ms(0).lostNanos(300 * MS, 100 * MS), 1e-3);
    }

    @Test
    void aPauseAfterTheInstantIsTheTimeLost() {
        // the stamp at 500 ms comes 3 ms late: 3 ms of the workload's time lost in the 100 ms after 450 ms
        WorkloadTimeline t = steadyWithPauseAt500ms(3 * MS);
        assertEquals(3 * MS, t.lostNanos(450 * MS, 100 * MS), 1e3);
        // and none before the pause
        assertEquals(0, t.lostNanos(300 * MS, 100 * MS), 1e-3);
        // measured after the pause, the pause is in the baseline: the workload looks faster afterwards
        assertEquals(-3 * MS / 0.97, t.lostNanos(550 * MS, 100 * MS), 1e3);
    }

    @Test
    void anInstantOutsideTheRunIsRefused() {
        WorkloadTimeline t = steadyWithPauseAt500ms(0);
        assertThrows(IllegalArgumentException.class, () -> t.lostNanos(50 * MS, 100 * MS));
    }
}
