package io.zprof.dumper.jfr.internal;

import java.util.Locale;

/** Human-readable numbers for the text forms. */
final class Units {
    private static final String[] BYTE_UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private Units() {
    }

    /** @param bytes a size @return e.g. {@code 12.3 MiB}; negative sizes keep their sign */
    static String bytes(long bytes) {
        double v = Math.abs((double) bytes);
        int unit = 0;
        while (v >= 1024 && unit < BYTE_UNITS.length - 1) {
            v /= 1024;
            unit++;
        }
        String sign = bytes < 0 ? "-" : "";
        return unit == 0 ? sign + (long) v + " B" : String.format(Locale.ROOT, "%s%.1f %s", sign, v, BYTE_UNITS[unit]);
    }

    /** @param nanos a duration @return milliseconds with two decimals, e.g. {@code 12.34ms} */
    static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.2fms", nanos / 1e6);
    }

    /** @param part a share @param whole the total @return e.g. {@code 45.22%}, or {@code -} when the total is 0 */
    static String percent(long part, long whole) {
        return whole == 0 ? "-" : String.format(Locale.ROOT, "%.2f%%", 100.0 * part / whole);
    }
}
