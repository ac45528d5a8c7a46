package io.zprof.api.model;

/**
 * Everything a rule sees when it decides on one sample, so rules stay pure functions: no clock, no I/O. The engine
 * hands a rule the same object every cycle, refilled; nothing here allocates, so a rule that reads it and returns a
 * {@link Verdict} keeps the quiet cycle allocation-free. Read it only during the call: it changes afterwards.
 *
 * <p>The window is the samples of the rule's metric <em>before</em> {@link #current()}, oldest first, each with its
 * time; its length is the rule's window ({@code zprof.window}, or what the rule asks for in
 * {@link io.zprof.api.port.Rule#windowSize}). The engine has already decided the generic cases: the rule is enabled,
 * the current value is finite, warm-up is over and the cooldown has passed.
 */
public interface RuleInput {
    /** @return the rule's name ({@code cpu}, {@code poolbusy}) */
    String rule();

    /** @return the metric the rule watches */
    Metric metric();

    /** @return the sample being decided on, finite */
    double current();

    /** @return when it was taken, epoch milliseconds */
    long nowEpochMillis();

    /** @return how many samples the window holds (0 right after start or a window reset) */
    int count();

    /** @return the mean of the window, NaN when it is empty */
    double mean();

    /** @return the smallest value in the window, NaN when it is empty */
    double min();

    /** @return the largest value in the window, NaN when it is empty */
    double max();

    /**
     * @param i 0 for the oldest sample, {@link #count()} {@code - 1} for the newest before {@link #current()}
     * @return that sample
     * @throws IndexOutOfBoundsException outside the window
     */
    double value(int i);

    /**
     * @param i as for {@link #value(int)}
     * @return when that sample was taken, epoch milliseconds
     * @throws IndexOutOfBoundsException outside the window
     */
    long time(int i);

    /** @return how many samples this rule saw before {@link #current()} (warm-up counts them) */
    int samplesSeen();

    /** @return when the rule last fired (what its cooldown counts from), or {@link Long#MIN_VALUE} if never */
    long lastFiredEpochMillis();

    /** @return the rule's own settings, under {@code zprof.rule.<name>.} with that prefix removed */
    io.zprof.api.config.ConfigProperties settings();
}
