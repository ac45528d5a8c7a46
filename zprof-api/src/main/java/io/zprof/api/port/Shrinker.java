package io.zprof.api.port;

import io.zprof.api.model.ShrinkRequest;
import io.zprof.api.model.ShrinkResult;

/** Lowers thread usage after a thread leak is detected, and puts it back later. */
public interface Shrinker {
    /**
     * @param request how many threads to take away
     * @return what was changed
     */
    ShrinkResult shrink(ShrinkRequest request);

    /** Restores every size changed by {@link #shrink}. Idempotent. */
    void restore();
}
