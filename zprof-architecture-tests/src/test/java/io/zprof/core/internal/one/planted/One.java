package io.zprof.core.internal.one.planted;

/** Planted for R6b: one side of a cycle inside the engine. */
public final class One {
    /** @return the other side */
    public io.zprof.core.internal.two.planted.Two two() {
        return new io.zprof.core.internal.two.planted.Two();
    }
}
