package io.zprof.shrinker.planted;

import io.zprof.api.port.Shrinker;

/** Planted compliant class: an adapter that sees the API only. */
public final class DependsOnApiOnly {
    private DependsOnApiOnly() {
    }

    /** @return the port a shrinker implements */
    static Class<?> use() {
        return Shrinker.class;
    }
}
