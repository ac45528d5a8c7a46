package io.zprof.alpha.planted;

/** Planted for R6: one side of a cycle between two modules. */
public final class Alpha {
    /** @return the other side */
    public io.zprof.beta.planted.Beta beta() {
        return new io.zprof.beta.planted.Beta();
    }
}
