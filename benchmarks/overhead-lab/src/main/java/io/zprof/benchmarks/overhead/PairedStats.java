package io.zprof.benchmarks.overhead;

import java.util.Arrays;

/**
 * What a set of paired differences says: the mean with Student's t interval, and the Hodges–Lehmann estimate (the
 * median of all pairwise averages) with its Wilcoxon signed-rank interval. On a shared VM a neighbour can take 15 %
 * of one block and nothing of the next; the mean's interval widens with every such block, the rank-based one does
 * not, and both are printed so a reader sees when they disagree.
 *
 * @param mean      mean difference
 * @param meanLow   lower end of the mean's 95 % interval
 * @param meanHigh  upper end of the mean's 95 % interval
 * @param sd        standard deviation of one difference
 * @param hl        Hodges–Lehmann estimate of the typical difference
 * @param hlLow     lower end of its 95 % interval
 * @param hlHigh    upper end of its 95 % interval
 */
record PairedStats(double mean, double meanLow, double meanHigh, double sd, double hl, double hlLow, double hlHigh) {

    /** @param diffs at least two paired differences */
    static PairedStats of(double[] diffs) {
        int n = diffs.length;
        if (n < 2) {
            throw new IllegalArgumentException("need at least 2 differences, got " + n);
        }
        SeriesStats d = SeriesStats.of(diffs);
        double mean = d.mean();
        double half = d.halfWidth();

        double[] walsh = new double[n * (n + 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                walsh[k++] = (diffs[i] + diffs[j]) / 2;
            }
        }
        Arrays.sort(walsh);
        int c = wilcoxonCritical(n);
        return new PairedStats(mean, mean - half, mean + half, d.sd(), SeriesStats.medianOfSorted(walsh),
                walsh[c], walsh[walsh.length - 1 - c]);
    }

    /**
     * @return the two-sided 5 % critical value of the signed-rank statistic by its normal approximation, which gives
     *         the exact table's value at n = 10, 20 and 30 (8, 52, 137); 0, the widest interval, for very few pairs
     */
    static int wilcoxonCritical(int n) {
        double mu = n * (n + 1) / 4.0;
        double sigma = Math.sqrt(n * (n + 1) * (2.0 * n + 1) / 24.0);
        return Math.max(0, (int) Math.floor(mu - 1.96 * sigma));
    }

    /** Two-sided 95 % quantile of Student's t with {@code df} degrees of freedom. */
    static double tQuantile975(int df) {
        double[] table = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
            2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048,
            2.045, 2.042};
        return df < 1 ? Double.NaN : df <= table.length ? table[df - 1] : df <= 60 ? 2.000 : 1.96;
    }
}
