package io.zprof.it.scenario;

/** What the GC-heap scenario leaks: about 1 KB each, named so it can be found in histograms and diffs. */
final class ScenarioRetained {
    /** Approximate size of one instance with its payload. */
    static final int APPROX_BYTES = 1000;

    private final long[] payload = new long[120];

    ScenarioRetained(long seed) {
        payload[0] = seed;
    }
}
