package io.zprof.core.internal.two.planted;

/** Planted for R6b: the other side of the cycle. */
public final class Two {
    /** @return the first side */
    public io.zprof.core.internal.one.planted.One one() {
        return new io.zprof.core.internal.one.planted.One();
    }
}
