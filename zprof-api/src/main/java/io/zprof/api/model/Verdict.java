package io.zprof.api.model;

/** The outcome of one rule evaluation; {@link Decision#reason()} turns it into text. */
public enum Verdict {
    /** Fired: the current value is above both min and abs. */
    FIRED_ABSOLUTE(true),
    /** Fired: the current value grew more than diff % above the window average. */
    FIRED_GROWTH(true),
    /** Fired, for a reason the rule explains in {@link Decision#detail()} (every rule type but threshold). */
    FIRED(true),
    /** Did not fire, for a reason the rule explains in {@link Decision#detail()}. */
    NOT_FIRED(false),
    /** The rule is off in configuration. */
    DISABLED(false),
    /** No value for the metric has been sampled (no provider, or the first CPU sample), or it was not finite. */
    NO_DATA(false),
    /** Still filling the baseline window. */
    WARMUP(false),
    /** Fired recently; waiting for the cooldown to pass. */
    COOLDOWN(false),
    /** Above the rule's max: the process is already overloaded, capture would make it worse. */
    OVER_MAX(false),
    /** Not above min. */
    BELOW_MIN(false),
    /** Above min but neither above abs nor grown more than diff. */
    WITHIN_LIMITS(false);

    private final boolean fired;

    Verdict(boolean fired) {
        this.fired = fired;
    }

    /** @return whether this verdict means the rule fired */
    public boolean fired() {
        return fired;
    }
}
