package io.zprof.core.internal.engine;

/** A fixed-size ring of the most recent samples with an O(1) mean; allocation-free after construction. */
final class DoubleWindow {
    private final double[] values;
    private int size;
    private int next;
    private double sum;

    DoubleWindow(int capacity) {
        values = new double[capacity];
    }

    int capacity() {
        return values.length;
    }

    /** @return the mean of the samples held, or NaN when empty */
    double mean() {
        return size == 0 ? Double.NaN : sum / size;
    }

    void add(double v) {
        if (size == values.length) {
            sum -= values[next];
        } else {
            size++;
        }
        values[next] = v;
        sum += v;
        next = (next + 1) % values.length;
        if (next == 0) {
            // re-sum once per lap so floating-point drift cannot accumulate
            double s = 0;
            for (int i = 0; i < size; i++) {
                s += values[i];
            }
            sum = s;
        }
    }
}
