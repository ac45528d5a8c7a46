package io.zprof.benchmarks.overhead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PairedStatsTest {

    @Test
    void criticalValuesMatchTheExactSignedRankTable() {
        assertEquals(8, PairedStats.wilcoxonCritical(10));
        assertEquals(52, PairedStats.wilcoxonCritical(20));
        assertEquals(137, PairedStats.wilcoxonCritical(30));
        assertEquals(0, PairedStats.wilcoxonCritical(3));
    }

    @Test
    void meanAndHodgesLehmannOfAWorkedExample() {
        PairedStats s = PairedStats.of(new double[] {1, 2, 3, 4});
        assertEquals(2.5, s.mean(), 1e-12);
        // Walsh averages 1, 1.5, 2, 2, 2.5, 2.5, 3, 3, 3.5, 4: median 2.5; with 4 pairs the interval is the range
        assertEquals(2.5, s.hl(), 1e-12);
        assertEquals(1, s.hlLow(), 1e-12);
        assertEquals(4, s.hlHigh(), 1e-12);
        // t(3) = 3.182, sd = 1.291, n = 4
        assertEquals(2.5 - 3.182 * 1.2909944 / 2, s.meanLow(), 1e-6);
    }

    @Test
    void oneDisturbedBlockWidensTheMeansIntervalButNotTheRankInterval() {
        Random r = new Random(7);
        double[] diffs = new double[30];
        for (int i = 0; i < diffs.length; i++) {
            diffs[i] = 0.3 + r.nextGaussian() * 0.5;
        }
        diffs[4] = 16;
        diffs[8] = -15;
        PairedStats s = PairedStats.of(diffs);
        assertTrue(s.hlHigh() - s.hlLow() < (s.meanHigh() - s.meanLow()) / 2,
                () -> "rank interval " + s.hlLow() + ".." + s.hlHigh() + ", mean interval " + s.meanLow() + ".." + s.meanHigh());
        assertTrue(s.hlLow() < 0.3 && 0.3 < s.hlHigh(), () -> "the true shift 0.3 lies in " + s.hlLow() + ".." + s.hlHigh());
    }

    @Test
    void refusesFewerThanTwoDifferences() {
        assertThrows(IllegalArgumentException.class, () -> PairedStats.of(new double[] {1}));
    }
}
