package io.zprof.api.port;

import io.zprof.api.model.Decision;
import io.zprof.api.model.RuleInput;

/** A pure decision: the same input always gives the same decision; no clock, no I/O, no threads. */
@FunctionalInterface
public interface Rule {
    /**
     * @param input the sample, its window average and the rule's state
     * @return the verdict, with what is needed to explain it
     */
    Decision evaluate(RuleInput input);
}
