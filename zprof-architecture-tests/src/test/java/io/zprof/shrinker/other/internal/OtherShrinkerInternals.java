package io.zprof.shrinker.other.internal;

/** Planted: an internal class of one shrinker module ({@code io.zprof.shrinker.other}). */
public final class OtherShrinkerInternals {
    private OtherShrinkerInternals() {
    }

    /** @return a value only its own module may ask for */
    public static int secret() {
        return 42;
    }
}
