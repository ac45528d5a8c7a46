package io.zprof.analysis.heap;

import java.util.Locale;

/** Sizes in binary units for text forms, the way the rest of zprof's evidence prints them (the CLI shares it). */
public final class ByteSizes {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private ByteSizes() {
    }

    /** @param bytes a size, possibly negative @return e.g. {@code 40.0 MiB} or {@code -512 B} */
    public static String of(long bytes) {
        double v = Math.abs((double) bytes);
        int unit = 0;
        for (; v >= 1024 && unit < UNITS.length - 1; unit++) {
            v /= 1024;
        }
        String sign = bytes < 0 ? "-" : "";
        return unit == 0 ? sign + Math.abs(bytes) + " B" : String.format(Locale.ROOT, "%s%.1f %s", sign, v, UNITS[unit]);
    }

    /** @param bytes a change @return the change with its sign, e.g. {@code +40.0 MiB} */
    public static String signed(long bytes) {
        return (bytes >= 0 ? "+" : "") + of(bytes);
    }
}
