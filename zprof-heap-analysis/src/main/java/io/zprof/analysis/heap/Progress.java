package io.zprof.analysis.heap;

/** Told what a long analysis is doing, so a person watching knows it has not hung. */
@FunctionalInterface
public interface Progress {
    /** Progress that goes nowhere. */
    Progress NONE = step -> { };

    /** @param step what starts now, e.g. {@code indexing heap_new.hprof (1.0 GiB)} */
    void step(String step);
}
