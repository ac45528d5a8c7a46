package io.zprof.core.internal.engine;

/**
 * A fixed-size ring of the most recent samples and their times; allocation-free after construction.
 *
 * <p>The mean is summed afresh over the window each time it is read, not kept as a running sum: a running sum
 * carries the rounding of every value that has left the window, so an exact tie ({@code (current - average) /
 * average == diff / 100}) could fire although comparisons are strict. A window holds a few hundred values at most
 * (10 by default), read once per rule per cycle.
 */
final class DoubleWindow {
    private final double[] values;
    private final long[] times;
    private int size;
    private int next;

    DoubleWindow(int capacity) {
        values = new double[capacity];
        times = new long[capacity];
    }

    int capacity() {
        return values.length;
    }

    /** @return how many samples it holds */
    int size() {
        return size;
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

    /** @return the smallest sample held, or NaN when empty */
    double min() {
        double m = Double.NaN;
        for (int i = 0; i < size; i++) {
            m = i == 0 ? values[i] : Math.min(m, values[i]);
        }
        return m;
    }

    /** @return the largest sample held, or NaN when empty */
    double max() {
        double m = Double.NaN;
        for (int i = 0; i < size; i++) {
            m = i == 0 ? values[i] : Math.max(m, values[i]);
        }
        return m;
    }

    /** @param i 0 for the oldest sample held, {@code size() - 1} for the newest @return that sample */
    double value(int i) {
        return values[slot(i)];
    }

    /** @param i as for {@link #value(int)} @return when that sample was taken, epoch milliseconds */
    long time(int i) {
        return times[slot(i)];
    }

    private int slot(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("sample " + i + " of " + size);
        }
        return (next - size + i + values.length) % values.length;
    }

    /** @param v a finite sample (the caller keeps non-finite ones out: one would poison every mean it is part of) */
    void add(double v) {
        add(v, 0);
    }

    /** @param v a finite sample @param epochMillis when it was taken */
    void add(double v, long epochMillis) {
        values[next] = v;
        times[next] = epochMillis;
        next = (next + 1) % values.length;
        if (size < values.length) {
            size++;
        }
    }
}
