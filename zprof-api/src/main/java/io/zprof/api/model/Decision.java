package io.zprof.api.model;

import java.time.Instant;
import java.util.Locale;

/**
 * One rule evaluation with everything needed to explain it. The reason text is built only when asked for,
 * so evaluating costs no string formatting.
 *
 * @param rule           the rule's name ({@code cpu}, {@code memory}, ...)
 * @param verdict        what happened
 * @param current        the sampled value evaluated
 * @param average        mean of the window before {@code current} ({@code NaN} when empty)
 * @param threshold      the threshold that decided the verdict (min, abs, diff or max; {@code NaN} if none)
 * @param samplesSeen    samples seen by the rule so far (for warm-up)
 * @param samplesNeeded  warm-up length
 * @param untilEpochMillis end of the cooldown for {@link Verdict#COOLDOWN}, else 0
 */
public record Decision(String rule, Verdict verdict, double current, double average, double threshold,
                       int samplesSeen, int samplesNeeded, long untilEpochMillis) {

    /** @return whether the rule fired */
    public boolean fired() {
        return verdict.fired();
    }

    /** @return the relative growth of {@code current} over {@code average} in percent, or NaN */
    public double growthPercent() {
        return average > 0 ? (current - average) / average * 100.0 : Double.NaN;
    }

    /** @return a one-line human explanation, e.g. {@code fired: 92.1 > abs 80.0} */
    public String reason() {
        switch (verdict) {
            case FIRED_ABSOLUTE:
                return "fired: " + num(current) + " > abs " + num(threshold);
            case FIRED_GROWTH:
                return "fired: " + num(current) + " is " + num(growthPercent()) + "% above average "
                        + num(average) + " > diff " + num(threshold) + "%";
            case DISABLED:
                return "disabled";
            case NO_DATA:
                return Double.isNaN(current) ? "no data: no sample of this metric yet"
                        : "no data: " + current + " is not a measurement (rejected)";
            case WARMUP:
                return "warm-up: " + samplesSeen + "/" + samplesNeeded + " samples";
            case COOLDOWN:
                return "cooldown until " + Instant.ofEpochMilli(untilEpochMillis) + " (" + num(current) + ")";
            case OVER_MAX:
                return "not fired: " + num(current) + " > max " + num(threshold) + " (overloaded, capture suppressed)";
            case BELOW_MIN:
                return "not fired: " + num(current) + " <= min " + num(threshold);
            case WITHIN_LIMITS:
                return "not fired: " + num(current) + " within abs/diff (average " + num(average) + ")";
            default:
                return verdict.name();
        }
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f", v);
    }
}
