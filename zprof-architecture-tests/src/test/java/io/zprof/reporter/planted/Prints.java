package io.zprof.reporter.planted;

/** Planted for R12 and R12b: library code printing, and logging through java.util.logging. */
public final class Prints {
    /** Writes to standard output. */
    public void print() {
        System.out.println("planted");
    }

    /** Logs through java.util.logging. */
    public void log() {
        java.util.logging.Logger.getLogger("planted").info("planted");
    }
}
