package io.zprof.support.jfr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Weights summed per key, read back heaviest first. */
public final class WeightsByKey {
    private final Map<String, long[]> weights = new HashMap<>();
    private long total;

    /** An empty tally. */
    public WeightsByKey() {
    }

    /** @param key what is counted @param weight how much to add */
    public void add(String key, long weight) {
        weights.computeIfAbsent(key, k -> new long[1])[0] += weight;
    }

    /** @param weight adds to the grand total only (the denominator of percentages) */
    public void addTotal(long weight) {
        total += weight;
    }

    /** @return the grand total given to {@link #addTotal} */
    public long total() {
        return total;
    }

    /** @param key a key @return its summed weight, 0 when never seen */
    public long get(String key) {
        long[] w = weights.get(key);
        return w == null ? 0 : w[0];
    }

    /** @param n how many @return the n heaviest keys, ties by name */
    public List<String> top(int n) {
        List<String> keys = new ArrayList<>(weights.keySet());
        keys.sort(Comparator.comparingLong(this::get).reversed().thenComparing(Comparator.naturalOrder()));
        return keys.subList(0, Math.min(n, keys.size()));
    }

    /** @return whether nothing was added */
    public boolean isEmpty() {
        return weights.isEmpty();
    }
}
