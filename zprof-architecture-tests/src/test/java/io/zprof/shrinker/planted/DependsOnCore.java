package io.zprof.shrinker.planted;

import io.zprof.core.Zprof;

/** Planted violation: an adapter role missing from any hard-coded list (a shrinker) that uses the engine. */
public final class DependsOnCore {
    private DependsOnCore() {
    }

    /** @param zprof the engine, which no adapter may see */
    static void use(Zprof zprof) {
        zprof.status();
    }
}
