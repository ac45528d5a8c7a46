package io.zprof.dumper.jfr.internal;

/** Metric values with their unit as the report prints them: bytes in binary units, the rest with two decimals. */
final class ReportUnits {
    private ReportUnits() {
    }

    /** @param v a value @param unit its unit ({@code bytes}, {@code %}, {@code cores}, ...) @return e.g. {@code 1.5 GiB} */
    static String value(double v, String unit) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if ("bytes".equals(unit)) {
            return Units.bytes((long) v);
        }
        if ("ns".equals(unit)) {
            return Html.num(v / 1e6) + " ms";
        }
        return Html.num(v) + ("%".equals(unit) ? " %" : unit == null || unit.isEmpty() ? "" : " " + unit);
    }
}
