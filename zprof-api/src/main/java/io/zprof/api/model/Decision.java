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
 * @param detail         for {@link Verdict#FIRED} and {@link Verdict#NOT_FIRED}: the rule's own explanation
 *                       ({@code 6 of the last 6 samples > 80.0}), else {@code null}
 */
public record Decision(String rule, Verdict verdict, double current, double average, double threshold,
                       int samplesSeen, int samplesNeeded, long untilEpochMillis, String detail) {

    /**
     * A decision without a rule-specific explanation (the threshold rule's verdicts and the engine's generic ones).
     *
     * @param rule             the rule's name
     * @param verdict          what happened
     * @param current          the sampled value
     * @param average          mean of the window before it
     * @param threshold        the threshold that decided it, NaN if none
     * @param samplesSeen      samples seen so far
     * @param samplesNeeded    warm-up length
     * @param untilEpochMillis end of the cooldown, else 0
     */
    public Decision(String rule, Verdict verdict, double current, double average, double threshold, int samplesSeen,
                    int samplesNeeded, long untilEpochMillis) {
        this(rule, verdict, current, average, threshold, samplesSeen, samplesNeeded, untilEpochMillis, null);
    }

    /**
     * A rule type's own decision, explained in its words.
     *
     * @param input     what the rule decided on
     * @param fired     whether it fired
     * @param threshold the threshold that decided it, NaN if none
     * @param detail    why, without the leading "fired: " / "not fired: " ({@code 6 of the last 6 samples > 80.0})
     * @return the decision
     */
    public static Decision of(RuleInput input, boolean fired, double threshold, String detail) {
        return new Decision(input.rule(), fired ? Verdict.FIRED : Verdict.NOT_FIRED, input.current(), input.mean(),
                threshold, input.samplesSeen(), 0, 0, detail);
    }

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
            case FIRED:
                return "fired: " + detail;
            case NOT_FIRED:
                return "not fired: " + detail;
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
                return "cooldown until " + Instant.ofEpochMilli(untilEpochMillis) + " (current value " + num(current) + ")";
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

    /**
     * @param v a value
     * @return it with one decimal, or {@code n/a} for NaN: the form every reason uses, for rule types' details too
     */
    public static String num(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f", v);
    }
}
