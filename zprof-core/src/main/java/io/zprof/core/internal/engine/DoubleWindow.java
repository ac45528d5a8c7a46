package io.zprof.core.internal.engine;

/**
 * A fixed-size ring of the most recent samples; allocation-free after construction.
 *
 * <p>The mean is summed afresh over the window each time it is read, not kept as a running sum: a running sum
 * carries the rounding of every value that has left the window, so an exact tie ({@code (current - average) /
 * average == diff / 100}) could fire although comparisons are strict. A window holds a few hundred values at most
 * (10 by default), read once per rule per cycle.
 */
final class DoubleWindow {
    private final double[] values;
    private int size;
    private int next;

    DoubleWindow(int capacity) {
        values = new double[capacity];
    }

    int capacity() {
        return values.length;
    }

    /** @return the mean of the samples held, or NaN when empty */
    double mean() {
        if (size == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += values[i];
        }
        return sum / size;
    }

    /** @param v a finite sample (the caller keeps non-finite ones out: one would poison every mean it is part of) */
    void add(double v) {
        values[next] = v;
        next = (next + 1) % values.length;
        if (size < values.length) {
            size++;
        }
    }
}
