package io.zprof.rule.planted;

import io.zprof.api.model.Decision;
import io.zprof.api.model.RuleInput;
import io.zprof.api.model.Verdict;
import io.zprof.api.port.Rule;

/** Planted for R10: a rule that reads the clock instead of its input's time. */
public final class ClockReadingRule implements Rule {
    @Override
    public Verdict evaluate(RuleInput input) {
        return System.currentTimeMillis() % 2 == 0 ? Verdict.FIRED : Verdict.NOT_FIRED;
    }

    @Override
    public Decision explain(RuleInput input, Verdict verdict) {
        return null;
    }
}
