package io.zprof.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The unit and precision cases a person reads in the status, the logs and the report. */
class QuantitiesTest {
    @Test
    void bytesUseBinaryUnitsWithTwoDecimalsBelowTenAndOneAbove() {
        assertEquals("512 B", Quantities.bytes(512));
        assertEquals("1.00 KiB", Quantities.bytes(1024));
        assertEquals("43.3 MiB", Quantities.bytes(43.3 * 1024 * 1024));
        // the machine's memory that printed as 25276182528.0 before
        assertEquals("23.5 GiB", Quantities.bytes(25276182528.0));
        assertEquals("-1.50 MiB", Quantities.bytes(-1.5 * 1024 * 1024));
        assertEquals("-", Quantities.bytes(Double.NaN));
    }

    @Test
    void coresKeepTwoDecimalsSoThreeQuartersIsNotRoundedUp() {
        assertEquals("0.75 cores", Quantities.of(Metric.CPU_LIMIT_CORES, 0.75));
        assertEquals("2.00 cores", Quantities.of(2, "cores"));
    }

    @Test
    void percentagesDurationsCountsAndUnknownValues() {
        assertEquals("42.5 %", Quantities.of(Metric.CPU_PERCENT, 42.5));
        assertEquals("212 threads", Quantities.of(Metric.JVM_THREADS, 212));
        assertEquals("1.25 connections", Quantities.of(1.25, "connections"));
        assertEquals("12.34 ms", Quantities.of(Metric.CPU_THROTTLED_NANOS, 12_340_000));
        assertEquals("850 ns", Quantities.duration(850));
        assertEquals("3.20 s", Quantities.duration(3.2e9));
        assertEquals("4.5 min", Quantities.duration(270e9));
        assertEquals("-", Quantities.of(Metric.RSS_BYTES, Double.NaN));
        assertEquals("1.00 GiB", Quantities.of(Metric.MEMORY_LIMIT_BYTES, 1L << 30));
    }
}
