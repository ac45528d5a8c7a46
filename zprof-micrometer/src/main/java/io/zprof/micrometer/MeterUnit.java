package io.zprof.micrometer;

import java.util.Locale;

/**
 * A zprof unit turned into a Micrometer base unit: Micrometer wants base units (seconds, bytes, ratios 0 to 1), so
 * nanoseconds become seconds and percentages become ratios, as Micrometer's own {@code process.cpu.usage} is.
 *
 * @param baseUnit the Micrometer base unit, or {@code null} when the value has none
 * @param scale    what a zprof value is multiplied by to be in {@code baseUnit}
 */
record MeterUnit(String baseUnit, double scale) {
    /** Percent in zprof, a ratio (0 to 1) in Micrometer. */
    static final MeterUnit RATIO = new MeterUnit("ratio", 0.01);
    /** A plain count with no unit. */
    static final MeterUnit NONE = new MeterUnit(null, 1);

    /**
     * @param zprofUnit a metric's unit as zprof gives it ({@code %}, {@code ns}, {@code bytes}, {@code items})
     * @return the base unit and scale: time in seconds, percentages as ratios, a plain word kept as it is, anything
     *         else (symbols) left without a unit
     */
    static MeterUnit of(String zprofUnit) {
        String u = zprofUnit == null ? "" : zprofUnit.trim().toLowerCase(Locale.ROOT);
        return switch (u) {
            case "%" -> RATIO;
            case "ns" -> new MeterUnit("seconds", 1e-9);
            case "us", "µs" -> new MeterUnit("seconds", 1e-6);
            case "ms" -> new MeterUnit("seconds", 1e-3);
            case "s" -> new MeterUnit("seconds", 1);
            default -> u.matches("[a-z]+") ? new MeterUnit(u, 1) : NONE;
        };
    }
}
