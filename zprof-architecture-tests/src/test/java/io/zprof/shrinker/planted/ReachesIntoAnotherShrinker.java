package io.zprof.shrinker.planted;

import io.zprof.shrinker.other.internal.OtherShrinkerInternals;

/** Planted violation: one shrinker module that uses another shrinker module's internal package. */
public final class ReachesIntoAnotherShrinker {
    private ReachesIntoAnotherShrinker() {
    }

    /** @return what the other module keeps internal */
    static int use() {
        return OtherShrinkerInternals.secret();
    }
}
