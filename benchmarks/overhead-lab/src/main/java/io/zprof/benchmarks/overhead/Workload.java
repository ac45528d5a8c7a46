package io.zprof.benchmarks.overhead;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The workloads the overhead harness measures: each op is a fixed amount of work, timed individually so the
 * harness can report throughput and tail latency. The harness prints each workload's allocation rate and young
 * collections per second, so the figures can be set against a service's own.
 */
enum Workload {
    /** Pure computation on registers: no allocation. */
    CPU {
        @Override
        long op(long seed) {
            return mix(seed, 20_000);
        }
    },
    /**
     * Allocation-heavy as a busy request handler is: each op puts parameters into a map of strings, does some work
     * on them, builds a response line and encodes it: ~1 GB/s and ~3 young collections per second on one thread
     * with a 512 MiB heap (the harness prints both); a service allocating that much in all is in the top tier.
     */
    ALLOC {
        @Override
        long op(long seed) {
            Map<String, String> params = new HashMap<>();
            for (int i = 0; i < 8; i++) {
                params.put("param" + i, Long.toString(seed * 31 + i));
            }
            StringBuilder response = new StringBuilder(64);
            for (Map.Entry<String, String> e : params.entrySet()) {
                response.append(e.getKey()).append('=').append(e.getValue()).append(';');
            }
            byte[] body = response.toString().getBytes(StandardCharsets.UTF_8);
            long h = 0;
            for (byte b : body) {
                h = h * 31 + b;
            }
            return mix(h, 800);
        }
    },
    /**
     * An allocation storm far beyond any service: short-lived arrays filled and dropped as fast as one thread can,
     * ~17 GB/s and ~55 young collections per second with a 512 MiB heap. Kept as the worst case zprof must live
     * beside; it was the harness's allocation-heavy workload before {@link #ALLOC}.
     */
    ALLOC_STORM {
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

    /** Arithmetic on registers, {@code rounds} times: work that neither allocates nor touches memory. */
    static long mix(long seed, int rounds) {
        long x = seed;
        for (int i = 0; i < rounds; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            x ^= x >>> 29;
        }
        return x;
    }
}
