package io.zprof.support.jfr;

import java.util.Locale;

/** Human-readable numbers for the text forms. */
public final class SummaryNumbers {
    private SummaryNumbers() {
    }

    /** @param nanos a duration @return milliseconds with two decimals, e.g. {@code 12.34ms} */
    public static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.2fms", nanos / 1e6);
    }

    /** @param part a share @param whole the total @return e.g. {@code 45.22%}, or {@code -} when the total is 0 */
    public static String percent(long part, long whole) {
        return whole == 0 ? "-" : String.format(Locale.ROOT, "%.2f%%", 100.0 * part / whole);
    }
}
