package io.zprof.cli;

import io.zprof.analysis.heap.Progress;
import java.io.PrintWriter;
import java.util.Locale;

/** Progress of a long analysis on standard error, each step with the seconds since the start. */
final class StderrProgress implements Progress {
    private final PrintWriter err;
    private final long start = System.nanoTime();

    /** @param err the command's error stream */
    StderrProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void step(String step) {
        err.printf(Locale.ROOT, "[%6.1f s] %s%n", (System.nanoTime() - start) / 1e9, step);
        err.flush();
    }
}
