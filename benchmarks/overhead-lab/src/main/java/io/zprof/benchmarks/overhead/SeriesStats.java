package io.zprof.benchmarks.overhead;

import java.util.Arrays;
import java.util.Locale;

/**
 * What one series of per-wake-up or per-cycle costs says: its mean with a 95 % interval, its median, and how many
 * values lie over a bound. On this harness's VM such a series is two-level (most wake-ups cheap, a few costing a
 * tick's worth), so the mean and the count over the bound are read together.
 *
 * @param n      values
 * @param mean   mean
 * @param sd     standard deviation of one value
 * @param median median
 * @param sorted the values, sorted (not copied again: the record is the harness's own)
 */
record SeriesStats(int n, double mean, double sd, double median, double[] sorted) {

    /** @param values at least two values */
    static SeriesStats of(double[] values) {
        int n = values.length;
        if (n < 2) {
            throw new IllegalArgumentException("need at least 2 values, got " + n);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElseThrow();
        double var = Arrays.stream(sorted).map(v -> (v - mean) * (v - mean)).sum() / (n - 1);
        return new SeriesStats(n, mean, Math.sqrt(var), medianOfSorted(sorted), sorted);
    }

    /** @param sorted at least one value, sorted @return their median */
    static double medianOfSorted(double[] sorted) {
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    /** @return half the width of the mean's 95 % interval (Student's t) */
    double halfWidth() {
        return PairedStats.tQuantile975(n - 1) * sd / Math.sqrt(n);
    }

    /** @return how many values are greater than the bound */
    long countOver(double bound) {
        return Arrays.stream(sorted).filter(v -> v > bound).count();
    }

    /**
     * @return half the width of the 95 % interval of {@code this.mean - other.mean} by the normal approximation with
     *         each series' own variance (unequal variances; both series have dozens of values or more)
     */
    double differenceHalfWidth(SeriesStats other) {
        return 1.96 * Math.sqrt(sd * sd / n + other.sd * other.sd / other.n);
    }

    /**
     * @return a series of wake-ups in a line: how many, mean with its interval, median, how many over
     *         {@link OverheadHarness#DEAR_MICROS} and their median, and the largest
     */
    String describeWakes() {
        double[] dear = Arrays.stream(sorted).filter(v -> v > OverheadHarness.DEAR_MICROS).toArray();
        return String.format(Locale.ROOT, "%d wake-ups, mean %.0f µs (95 %% CI %.0f–%.0f), median %.0f µs, over 1 ms: %d"
                        + " (their median %s), largest %.0f µs", n, mean, mean - halfWidth(), mean + halfWidth(), median,
                dear.length, dear.length == 0 ? "-" : String.format(Locale.ROOT, "%.0f µs", medianOfSorted(dear)), sorted[n - 1]);
    }
}
