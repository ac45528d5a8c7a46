package io.zprof.core.internal.engine;

import io.zprof.api.model.Decision;
import io.zprof.api.model.RuleInput;
import io.zprof.api.model.Verdict;
import io.zprof.api.port.Rule;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fires when a metric keeps growing: the least-squares slope of its last {@code samples} values (the current one
 * included) against their times is above {@code rate} per minute (strictly). Until that many samples are there it
 * does not fire. The shape of a slow leak that never crosses an absolute threshold before the OOM.
 */
final class TrendRule implements Rule {
    private static final double MILLIS_PER_MINUTE = 60_000.0;
    private final double ratePerMinute;
    private final int samples;

    /** @param ratePerMinute the slope to exceed, in the metric's unit per minute @param samples K, at least 2 */
    TrendRule(double ratePerMinute, int samples) {
        this.ratePerMinute = ratePerMinute;
        this.samples = samples;
    }

    @Override
    public Verdict evaluate(RuleInput in) {
        double slope = slopePerMinute(in);
        return slope > ratePerMinute ? Verdict.FIRED : Verdict.NOT_FIRED;
    }

    /**
     * @return the least-squares slope over the last {@link #samples} samples in unit per minute, NaN when fewer are
     *         there or they share one time; computed in two passes without allocating
     */
    private double slopePerMinute(RuleInput in) {
        int earlier = samples - 1;
        if (in.count() < earlier) {
            return Double.NaN;
        }
        int first = in.count() - earlier;
        long now = in.nowEpochMillis();
        // times in minutes before now: small numbers, so the sums keep their precision
        double sx = 0;
        double sy = in.current();
        for (int i = first; i < in.count(); i++) {
            sx += (in.time(i) - now) / MILLIS_PER_MINUTE;
            sy += in.value(i);
        }
        double mx = sx / samples;
        double my = sy / samples;
        double sxy = (0 - mx) * (in.current() - my);
        double sxx = (0 - mx) * (0 - mx);
        for (int i = first; i < in.count(); i++) {
            double dx = (in.time(i) - now) / MILLIS_PER_MINUTE - mx;
            sxy += dx * (in.value(i) - my);
            sxx += dx * dx;
        }
        return sxx > 0 ? sxy / sxx : Double.NaN;
    }

    @Override
    public Decision explain(RuleInput in, Verdict v) {
        double slope = slopePerMinute(in);
        if (Double.isNaN(slope)) {
            return Decision.of(in, false, ratePerMinute, Math.min(in.count() + 1, samples) + " of " + samples
                    + " samples for a trend");
        }
        return Decision.of(in, v.fired(), ratePerMinute, "slope " + Decision.num(slope) + "/min over " + samples
                + " samples" + (v.fired() ? " > rate " : " <= rate ") + Decision.num(ratePerMinute) + "/min");
    }

    @Override
    public int windowSize(int configured, Duration interval) {
        return samples - 1;
    }

    @Override
    public Map<String, Double> thresholds() {
        Map<String, Double> t = new LinkedHashMap<>();
        t.put("rate", ratePerMinute);
        t.put("samples", (double) samples);
        return t;
    }
}
