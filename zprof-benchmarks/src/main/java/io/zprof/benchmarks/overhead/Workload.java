package io.zprof.benchmarks.overhead;

import java.util.Arrays;

/**
 * The workloads the overhead harness measures: each op is a fixed amount of work, timed individually so the
 * harness can report throughput and tail latency.
 */
enum Workload {
    /** Pure computation on a small array: no allocation. */
    CPU {
        @Override
        long op(long seed) {
            long x = seed;
            for (int i = 0; i < 20_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
                x ^= x >>> 29;
            }
            return x;
        }
    },
    /** Allocation-heavy: short-lived objects and arrays, as a request handler makes them. */
    ALLOC {
        @Override
        long op(long seed) {
            long sum = 0;
            for (int i = 0; i < 200; i++) {
                int[] a = new int[64 + (int) (seed & 63)];
                Arrays.fill(a, i);
                String s = Integer.toString(a.length + i);
                sum += a[a.length - 1] + s.length();
            }
            return sum;
        }
    };

    abstract long op(long seed);
}
