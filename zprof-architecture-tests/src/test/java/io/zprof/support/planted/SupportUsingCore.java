package io.zprof.support.planted;

/** Planted for R4b: a support library that reaches into the engine. */
public final class SupportUsingCore {
    /** @return the engine's builder */
    public Object engine() {
        return io.zprof.core.Zprof.builder();
    }
}
