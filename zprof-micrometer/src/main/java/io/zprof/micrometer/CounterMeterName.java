package io.zprof.micrometer;

import java.util.Locale;

/**
 * The meter of one engine counter of {@code status().counters()}: {@code cycles} is {@code zprof.samples} (one
 * sample per cycle), {@code samplerCpuMicros} is {@code zprof.sampler.cpu.time} in seconds, a camel-case name becomes
 * dotted ({@code collectErrors} is {@code zprof.collect.errors}), and a counter per kind ({@code captures.heap},
 * {@code captureFailures.cpu}: dumps written and failed) is one meter tagged {@code kind}. The engine's total of
 * captures that failed in part or whole ({@code captureFailures}) counts captures, not dumps: it is
 * {@code zprof.captures.failed}, apart from the per-kind meter, so that summing over {@code kind} counts each failed
 * dump once.
 *
 * @param name     the meter's name
 * @param tagKey   the tag that tells counters of one family apart, or {@code null}
 * @param tagValue its value, or {@code null}
 * @param unit     base unit and scale
 */
record CounterMeterName(String name, String tagKey, String tagValue, MeterUnit unit) {
    /** The engine's total of failed captures, over every kind. */
    static final String CAPTURE_FAILURES = "captureFailures";

    /**
     * @param counter a key of {@code status().counters()}
     * @return its meter
     */
    static CounterMeterName of(String counter) {
        int dot = counter.indexOf('.');
        String base = dot < 0 ? counter : counter.substring(0, dot);
        String label = dot < 0 ? null : counter.substring(dot + 1);
        return switch (base) {
            case "cycles" -> new CounterMeterName("zprof.samples", null, null, MeterUnit.NONE);
            case "samplerCpuMicros" -> new CounterMeterName("zprof.sampler.cpu.time", null, null, MeterUnit.of("us"));
            case "captures" -> label == null ? new CounterMeterName("zprof.captures.all", null, null, MeterUnit.NONE)
                    : new CounterMeterName("zprof.captures", "kind", label, MeterUnit.NONE);
            case CAPTURE_FAILURES -> label == null ? new CounterMeterName("zprof.captures.failed", null, null, MeterUnit.NONE)
                    : new CounterMeterName("zprof.capture.failures", "kind", label, MeterUnit.NONE);
            default -> new CounterMeterName("zprof." + dotted(base), label == null ? null : "name", label, MeterUnit.NONE);
        };
    }

    /** @param camel {@code dryRunEvents} @return {@code dry.run.events} */
    static String dotted(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1.$2").toLowerCase(Locale.ROOT);
    }
}
