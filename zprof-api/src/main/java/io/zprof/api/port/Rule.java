package io.zprof.api.port;

import io.zprof.api.model.Decision;
import io.zprof.api.model.RuleInput;
import io.zprof.api.model.Verdict;
import java.time.Duration;
import java.util.Map;

/**
 * A pure decision on one metric: the same input always gives the same verdict; no clock, no I/O, no threads. Made by
 * a {@link io.zprof.api.spi.RuleProvider} for one configured rule, with that rule's settings.
 *
 * <p>The engine calls {@link #evaluate} every cycle, only once the generic cases are settled (enabled, a finite
 * sample, warm-up over, cooldown passed): it should read the input and return a verdict without allocating, so the
 * quiet cycle stays free of garbage. {@link #explain} is called rarely (a firing, {@code status()}) and may build
 * text.
 */
public interface Rule {
    /**
     * @param input the sample, the window before it and the rule's state
     * @return whether it fires: {@link Verdict#FIRED} / {@link Verdict#NOT_FIRED} (or a built-in rule's own verdicts)
     */
    Verdict evaluate(RuleInput input);

    /**
     * @param input   the same input {@link #evaluate} saw
     * @param verdict what it returned
     * @return the decision with what is needed to explain it (see {@link Decision#of})
     */
    Decision explain(RuleInput input, Verdict verdict);

    /**
     * @param configured the configured window ({@code zprof.window})
     * @param interval   the sampling interval ({@code zprof.interval})
     * @return how many earlier samples this rule needs in its window; the default is the configured window
     */
    default int windowSize(int configured, Duration interval) {
        return configured;
    }

    /** @return the thresholds to report with an event ({@code threshold}, {@code rate}, ...), by name */
    default Map<String, Double> thresholds() {
        return Map.of();
    }
}
