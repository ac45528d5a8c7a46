package io.zprof.reporter.planted;

/** Planted for R11: an adapter that makes its own thread instead of asking the engine. */
public final class StartsAThread {
    /** @return a thread the engine does not own */
    public Thread thread() {
        return new Thread(() -> { });
    }
}
