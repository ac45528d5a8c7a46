package io.zprof.benchmarks.overhead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SeriesStatsTest {

    @Test
    void meanMedianSpreadAndCountOverABound() {
        SeriesStats s = SeriesStats.of(new double[] {300, 200, 5000, 250, 250});
        assertEquals(5, s.n());
        assertEquals(1200, s.mean(), 1e-9);
        assertEquals(250, s.median(), 1e-9);
        // sd of {200, 250, 250, 300, 5000}: squared deviations 1,000,000 + 2 x 902,500 + 810,000 + 14,440,000 over 4
        assertEquals(Math.sqrt(18_055_000 / 4.0), s.sd(), 1e-9);
        assertEquals(2.776 * s.sd() / Math.sqrt(5), s.halfWidth(), 1e-9);
        assertEquals(1, s.countOver(1000));
        assertEquals(2, s.countOver(250), "values equal to the bound are not over it");
    }

    @Test
    void medianOfAnEvenCountIsTheMiddlePairsAverage() {
        assertEquals(2.5, SeriesStats.of(new double[] {4, 1, 3, 2}).median(), 1e-9);
    }

    @Test
    void differenceIntervalAddsBothVariances() {
        SeriesStats a = SeriesStats.of(new double[] {1, 3});
        SeriesStats b = SeriesStats.of(new double[] {2, 2, 2, 6});
        assertEquals(1.96 * Math.sqrt(2.0 / 2 + 4.0 / 4), a.differenceHalfWidth(b), 1e-9);
    }

    @Test
    void refusesFewerThanTwoValues() {
        assertThrows(IllegalArgumentException.class, () -> SeriesStats.of(new double[] {1}));
    }
}
