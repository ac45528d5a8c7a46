package io.zprof.beta.planted;

/** Planted for R6: the other side of the cycle. */
public final class Beta {
    /** @return the first side */
    public io.zprof.alpha.planted.Alpha alpha() {
        return new io.zprof.alpha.planted.Alpha();
    }
}
