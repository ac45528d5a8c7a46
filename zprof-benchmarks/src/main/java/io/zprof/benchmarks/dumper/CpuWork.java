package io.zprof.benchmarks.dumper;

/** A CPU-bound mix (integer hashing, floating point, short-lived allocation) standing in for application code. */
public final class CpuWork {
    private CpuWork() {
    }

    /**
     * @param rounds how much work
     * @return a value depending on all of it
     */
    public static long mix(int rounds) {
        long h = 1125899906842597L;
        double d = 1.0;
        for (int i = 0; i < rounds; i++) {
            h = 31 * h + Long.rotateLeft(h ^ i, 13);
            d = d * 1.0000001 + Math.sqrt(i);
            if ((i & 1023) == 0) {
                int[] small = new int[64];
                small[i & 63] = (int) h;
                h += small[(int) (h & 63)];
            }
        }
        return h + (long) d;
    }
}
