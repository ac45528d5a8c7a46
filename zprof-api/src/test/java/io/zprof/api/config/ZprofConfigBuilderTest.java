package io.zprof.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.model.DumpKind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The builders check settings against each other in {@code build()}: a valid combination builds whatever the order
 * of the setters, and an invalid one reports every conflict at once, each with its key and value.
 */
class ZprofConfigBuilderTest {

    /** Each of these first steps breaks a rule that only the next step satisfies again. */
    @Test
    void settingsCheckedAgainstEachOtherCanBeSetInAnyOrder() {
        ZprofConfig c = ZprofConfig.builder()
                .memory(r -> r.abs(10))            // below the default min (20) ...
                .memory(r -> r.min(5))             // ... until min comes down
                .cpu(r -> r.min(90))               // above the default abs (80) ...
                .cpu(r -> r.abs(95))               // ... until abs goes up
                .threads(r -> r.max(50))           // not above the default min (100) ...
                .threads(r -> r.min(10))           // ... until min comes down
                .dump(d -> d.binary(false))        // nothing written (text is off by default) ...
                .dump(d -> d.text(true))           // ... until text is on
                .report(r -> r.retry(r.retry().initialBackoff(Duration.ofSeconds(60))))  // above the default cap (30 s) ...
                .report(r -> r.retry(r.retry().maxBackoff(Duration.ofSeconds(120))))     // ... until the cap goes up
                .build();
        assertEquals(List.of(5.0, 10.0), List.of(c.memory().min(), c.memory().abs()));
        assertEquals(List.of(90.0, 95.0), List.of(c.cpu().min(), c.cpu().abs()));
        assertEquals(List.of(10.0, 50.0), List.of(c.threads().min(), c.threads().max()));
        assertEquals(List.of(false, true), List.of(c.dump().binary(), c.dump().text()));
        assertEquals(List.of(Duration.ofSeconds(60), Duration.ofSeconds(120)),
                List.of(c.report().retry().initialBackoff(), c.report().retry().maxBackoff()));
    }

    @Test
    void buildReportsEveryConflictWithItsKeyAndValue() {
        ZprofConfig.Builder b = ZprofConfig.builder()
                .cpu(r -> r.min(50).abs(40).max(45))
                .dump(d -> d.binary(false))
                .report(r -> r.retry(r.retry().initialBackoff(Duration.ofSeconds(10)).maxBackoff(Duration.ofSeconds(5))));
        ConfigurationException e = assertThrows(ConfigurationException.class, b::build);
        assertEquals(List.of("zprof.cpu.abs", "zprof.cpu.max", "zprof.dump.binary", "zprof.report.retry.maxbackoff"),
                e.problems().stream().map(ConfigurationException::key).toList());
        assertEquals(List.of("40.0", "45.0", "false", "5s"), e.problems().stream().map(ConfigurationException::value).toList());
        assertEquals("zprof.cpu.abs", e.key(), "the first problem stands for all");
        for (String part : List.of("zprof.cpu.abs=40.0: must be >= zprof.cpu.min (50.0) or 0 to disable",
                "zprof.cpu.max=45.0: must be > zprof.cpu.min (50.0) or 0 for no max",
                "zprof.dump.binary=false: binary and text dumps are both off; nothing would be written",
                "zprof.report.retry.maxbackoff=5s: must be >= zprof.report.retry.initialbackoff (10s)")) {
            assertTrue(e.getMessage().contains(part), () -> part + " in " + e.getMessage());
        }
    }

    @Test
    void oneConflictKeepsItsOwnMessage() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ZprofConfig.builder().memory(r -> r.min(50).max(50)).build());
        assertEquals("zprof.memory.max=50.0: must be > zprof.memory.min (50.0) or 0 for no max", e.getMessage());
        assertEquals(List.of(e), e.problems());
    }

    /** A rule record made on its own (as a rule provider makes one) is checked as a whole when it is made. */
    @Test
    void aThresholdRuleMadeDirectlyIsCheckedAsAWhole() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> new ThresholdRuleConfig("rule.pool",
                true, 50, 40, 0, Duration.ZERO, 45, List.of(DumpKind.THREADS)));
        assertEquals(List.of("zprof.rule.pool.abs", "zprof.rule.pool.max"),
                e.problems().stream().map(ConfigurationException::key).toList());
    }

    /** A value out of its own range still fails where it is set, before any other setting is looked at. */
    @Test
    void aValueOutOfItsOwnRangeFailsAsItIsSet() {
        ZprofConfig.Builder b = ZprofConfig.builder();
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> b.report(r -> r.retry(r.retry().maxAttempts(0))));
        assertEquals("zprof.report.retry.maxattempts=0: must be >= 1", e.getMessage());
    }
}
