package io.zprof.testing;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.model.Metric;
import io.zprof.api.model.RuleInput;

/**
 * A {@link RuleInput} over a fixed series: the last value is the current sample, the ones before it (up to the
 * window) the window, one sampling interval apart, as the engine would hand them to a rule.
 */
final class SeriesRuleInput implements RuleInput {
    /** When the first sample of every series was taken: a fixed time, so that inputs are equal run after run. */
    static final long START_EPOCH_MILLIS = 1_700_000_000_000L;

    private final String rule;
    private final Metric metric;
    private final double[] window;
    private final long[] times;
    private final double current;
    private final long now;
    private final int samplesSeen;
    private final ConfigProperties settings;

    /**
     * @param rule           the rule's name
     * @param metric         the metric it watches
     * @param series         the samples, oldest first; the last one is the current sample
     * @param windowSize     at most this many samples before the current one form the window
     * @param intervalMillis the time between two samples
     * @param settings       the rule's settings
     */
    SeriesRuleInput(String rule, Metric metric, double[] series, int windowSize, long intervalMillis,
                    ConfigProperties settings) {
        this.rule = rule;
        this.metric = metric;
        this.settings = settings;
        int last = series.length - 1;
        int from = Math.max(0, last - windowSize);
        this.window = java.util.Arrays.copyOfRange(series, from, last);
        this.times = new long[window.length];
        for (int i = 0; i < times.length; i++) {
            times[i] = START_EPOCH_MILLIS + (from + i) * intervalMillis;
        }
        this.current = series[last];
        this.now = START_EPOCH_MILLIS + last * intervalMillis;
        this.samplesSeen = last;
    }

    @Override
    public String rule() {
        return rule;
    }

    @Override
    public Metric metric() {
        return metric;
    }

    @Override
    public double current() {
        return current;
    }

    @Override
    public long nowEpochMillis() {
        return now;
    }

    @Override
    public int count() {
        return window.length;
    }

    @Override
    public double mean() {
        return window.length == 0 ? Double.NaN : java.util.Arrays.stream(window).average().orElse(Double.NaN);
    }

    @Override
    public double min() {
        return window.length == 0 ? Double.NaN : java.util.Arrays.stream(window).min().orElse(Double.NaN);
    }

    @Override
    public double max() {
        return window.length == 0 ? Double.NaN : java.util.Arrays.stream(window).max().orElse(Double.NaN);
    }

    @Override
    public double value(int i) {
        return window[java.util.Objects.checkIndex(i, window.length)];
    }

    @Override
    public long time(int i) {
        return times[java.util.Objects.checkIndex(i, times.length)];
    }

    @Override
    public int samplesSeen() {
        return samplesSeen;
    }

    @Override
    public long lastFiredEpochMillis() {
        return Long.MIN_VALUE;
    }

    @Override
    public ConfigProperties settings() {
        return settings;
    }

    @Override
    public String toString() {
        return "current " + current + " after window " + java.util.Arrays.toString(window);
    }
}
