package io.zprof.core.internal.engine;

import io.zprof.api.config.ConfigValues;
import io.zprof.api.model.Decision;
import io.zprof.api.model.RuleInput;
import io.zprof.api.model.Verdict;
import io.zprof.api.port.Rule;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fires when a metric stays above a threshold: either for a duration (every sample from at least {@code duration}
 * ago up to the current one is above it, so one dip restarts the clock), or for {@code count} of the last
 * {@code of} samples, the current one included. Above means strictly greater.
 */
final class SustainedRule implements Rule {
    private final double threshold;
    /** The duration in milliseconds, or 0 in count-of mode. */
    private final long durationMillis;
    private final int count;
    private final int of;

    private SustainedRule(double threshold, long durationMillis, int count, int of) {
        this.threshold = threshold;
        this.durationMillis = durationMillis;
        this.count = count;
        this.of = of;
    }

    /** @param threshold the level @param duration how long it must be exceeded @return the rule */
    static SustainedRule forDuration(double threshold, Duration duration) {
        return new SustainedRule(threshold, duration.toMillis(), 0, 0);
    }

    /** @param threshold the level @param count samples above it @param of among the last this many @return the rule */
    static SustainedRule countOf(double threshold, int count, int of) {
        return new SustainedRule(threshold, 0, count, of);
    }

    @Override
    public Verdict evaluate(RuleInput in) {
        if (!(in.current() > threshold)) {
            return Verdict.NOT_FIRED;
        }
        return fired(durationMillis > 0 ? in.nowEpochMillis() - aboveSince(in) >= durationMillis
                : aboveOfLast(in) >= count);
    }

    private static Verdict fired(boolean f) {
        return f ? Verdict.FIRED : Verdict.NOT_FIRED;
    }

    /** @return when the unbroken run of samples above the threshold that ends with the current one began */
    private long aboveSince(RuleInput in) {
        long since = in.nowEpochMillis();
        for (int i = in.count() - 1; i >= 0 && in.value(i) > threshold; i--) {
            since = in.time(i);
        }
        return since;
    }

    /** @return how many of the last {@code of} samples, the current one included, are above the threshold */
    private int aboveOfLast(RuleInput in) {
        int above = in.current() > threshold ? 1 : 0;
        for (int i = in.count() - 1; i >= Math.max(0, in.count() - (of - 1)); i--) {
            if (in.value(i) > threshold) {
                above++;
            }
        }
        return above;
    }

    @Override
    public Decision explain(RuleInput in, Verdict v) {
        boolean fired = v.fired();
        if (!(in.current() > threshold)) {
            return Decision.of(in, false, threshold, Decision.num(in.current()) + " <= threshold " + Decision.num(threshold));
        }
        if (durationMillis > 0) {
            Duration above = Duration.ofMillis(in.nowEpochMillis() - aboveSince(in));
            return Decision.of(in, fired, threshold, "above " + Decision.num(threshold) + " for "
                    + ConfigValues.formatDuration(above) + (fired ? " >= " : " < ")
                    + ConfigValues.formatDuration(Duration.ofMillis(durationMillis)));
        }
        return Decision.of(in, fired, threshold, aboveOfLast(in) + " of the last " + of + " samples above "
                + Decision.num(threshold) + (fired ? ", at least " : ", fewer than ") + count);
    }

    @Override
    public int windowSize(int configured, Duration interval) {
        if (durationMillis == 0) {
            return Math.max(1, of - 1);
        }
        // enough samples to reach back over the duration, plus one for a late sample; capped like zprof.window
        long needed = durationMillis / Math.max(1, interval.toMillis()) + 2;
        return (int) Math.min(io.zprof.api.config.ZprofConfig.MAX_WINDOW, needed);
    }

    @Override
    public Map<String, Double> thresholds() {
        Map<String, Double> t = new LinkedHashMap<>();
        t.put("threshold", threshold);
        if (durationMillis > 0) {
            t.put("durationSeconds", durationMillis / 1000.0);
        } else {
            t.put("count", (double) count);
            t.put("of", (double) of);
        }
        return t;
    }
}
