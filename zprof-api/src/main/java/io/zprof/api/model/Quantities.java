package io.zprof.api.model;

import java.util.Locale;

/**
 * Numbers written for a person: sizes in KiB/MiB/GiB, cores with two decimals, percentages with one, durations in
 * the largest unit that keeps them readable. One place, so that the status, the logs, the text summaries and the
 * incident report print the same value the same way.
 */
public enum Quantities {
    ; // helpers only: the API's value types are records or enums (ArchUnit R2)

    private static final String[] BYTE_UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    /**
     * @param bytes a size; negative sizes (a shrink in a diff) keep their sign
     * @return e.g. {@code 512 B}, {@code 12.3 MiB}, {@code 23.54 GiB}: below 10 units two decimals, one above
     */
    public static String bytes(double bytes) {
        if (Double.isNaN(bytes)) {
            return "-";
        }
        double v = Math.abs(bytes);
        int unit = 0;
        while (v >= 1024 && unit < BYTE_UNITS.length - 1) {
            v /= 1024;
            unit++;
        }
        String sign = bytes < 0 ? "-" : "";
        if (unit == 0) {
            return sign + (long) v + " B";
        }
        return sign + String.format(Locale.ROOT, v < 10 ? "%.2f %s" : "%.1f %s", v, BYTE_UNITS[unit]);
    }

    /**
     * @param nanos a duration in nanoseconds
     * @return e.g. {@code 850 ns}, {@code 12.34 ms}, {@code 3.20 s}, {@code 4.5 min}
     */
    public static String duration(double nanos) {
        if (Double.isNaN(nanos)) {
            return "-";
        }
        double v = Math.abs(nanos);
        String sign = nanos < 0 ? "-" : "";
        if (v < 1e3) {
            return sign + (long) v + " ns";
        }
        if (v < 1e6) {
            return sign + String.format(Locale.ROOT, "%.2f µs", v / 1e3);
        }
        if (v < 1e9) {
            return sign + String.format(Locale.ROOT, "%.2f ms", v / 1e6);
        }
        if (v < 120e9) {
            return sign + String.format(Locale.ROOT, "%.2f s", v / 1e9);
        }
        return sign + String.format(Locale.ROOT, "%.1f min", v / 60e9);
    }

    /**
     * Formats a value in the unit a {@link Metric} declares: {@code bytes} as a size, {@code ns} as a duration,
     * {@code cores} with two decimals ({@code 0.75 cores}), {@code %} with one ({@code 42.5 %}), any other unit as a
     * whole number when the value is whole ({@code 212 threads}) and with two decimals otherwise.
     *
     * @param value the value, NaN when unknown
     * @param unit  the unit ({@link Metric#unit()})
     * @return the value with its unit, or {@code -} when unknown
     */
    public static String of(double value, String unit) {
        if (Double.isNaN(value)) {
            return "-";
        }
        switch (unit) {
            case "bytes":
                return bytes(value);
            case "ns":
                return duration(value);
            case "cores":
                return String.format(Locale.ROOT, "%.2f cores", value);
            case "%":
                return String.format(Locale.ROOT, "%.1f %%", value);
            default:
                boolean whole = value == Math.rint(value) && Math.abs(value) < 1e15;
                String number = whole ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value);
                return unit.isEmpty() ? number : number + " " + unit;
        }
    }

    /**
     * @param metric the metric the value belongs to
     * @param value  the value in the metric's unit
     * @return the value with its unit, as {@link #of(double, String)}
     */
    public static String of(Metric metric, double value) {
        return of(value, metric.unit());
    }
}
