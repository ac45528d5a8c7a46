package io.zprof.rule.planted;

import io.zprof.api.model.Decision;
import io.zprof.api.model.RuleInput;
import io.zprof.api.model.Verdict;
import io.zprof.api.port.Rule;

/** Planted for R10: compliant, decides from its input alone. */
public final class PureRule implements Rule {
    @Override
    public Verdict evaluate(RuleInput input) {
        return Verdict.NOT_FIRED;
    }

    @Override
    public Decision explain(RuleInput input, Verdict verdict) {
        return null;
    }
}
