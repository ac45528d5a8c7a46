package io.zprof.core.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ConfigurationException;
import io.zprof.api.config.ProviderSelection;
import io.zprof.api.config.ThresholdRuleConfig;
import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.DumpKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad configuration fails with a {@link ConfigurationException} naming the full key and the bad value, whether it
 * comes as flat properties or through the builders.
 */
class ConfigValidationTest {

    /** description, properties (key=value pairs), the key the error must name, text of the value it must show. */
    static Stream<Arguments> badProperties() {
        return Stream.of(
                bad("negative interval", "zprof.interval", "-5s", "-5s"),
                bad("zero interval", "zprof.interval", "0", "0"),
                bad("interval not a duration", "zprof.interval", "abc", "abc"),
                bad("interval below 10ms", "zprof.interval", "5ms", "5ms"),
                bad("interval below 10ms, as typed", "zprof.interval", "0.005s", "0.005s"),
                // issue 16 item 7: a bare number is no duration (it silently meant milliseconds)
                bad("interval without a unit", "zprof.interval", "5", "5"),
                bad("cooldown without a unit", "zprof.threads.cooldown", "3", "3"),
                bad("duration in Java float syntax", "zprof.interval", "5fs", "5fs"),
                // issue 16 item 5: durations that overflowed where they were used
                bad("interval of 821 years", "zprof.interval", "300000d", "300000d"),
                bad("interval above 1h", "zprof.interval", "61m", "61m"),
                bad("cooldown of 1e12 days", "zprof.threads.cooldown", "1e12d", "1e12d"),
                bad("cooldown of 10^12 days", "zprof.threads.cooldown", "1000000000000d", "1000000000000d"),
                bad("cooldown above 30d", "zprof.cpu.cooldown", "31d", "31d"),
                bad("gcheap cooldown above 30d", "zprof.gcheap.cooldown", "31d", "31d"),
                bad("shrink delay above 30d", "zprof.shrink.delay", "31d", "31d"),
                bad("shrink restore above 30d", "zprof.shrink.restoreafter", "31d", "31d"),
                bad("shrink cooldown above 30d", "zprof.shrink.cooldown", "31d", "31d"),
                bad("max backoff of 821 years", "zprof.report.retry.maxbackoff", "300000d", "300000d"),
                bad("initial backoff above 1h", "zprof.report.retry.initialbackoff", "2h", "2h"),
                bad("round above 30d", "zprof.report.retry.maxelapsed", "31d", "31d"),
                bad("event max age above 365d", "zprof.report.retry.maxage", "366d", "366d"),
                bad("flush timeout of 821 years", "zprof.report.flushtimeout", "300000d", "300000d"),
                bad("call timeout of 25 days", "zprof.report.calltimeout", "25d", "25d"),
                bad("CPU recording above 1h", "zprof.dump.cpuduration", "2h", "2h"),
                bad("thread-creation recording above 1h", "zprof.dump.threadcreateduration", "2h", "2h"),
                bad("sample period above 10s", "zprof.dump.sampleperiod", "11s", "11s"),
                bad("window sample period above 10s", "zprof.dump.window.sampleperiod", "11s", "11s"),
                bad("window age above 1d", "zprof.dump.window.maxage", "25h", "25h"),
                bad("profiling chunks above 1h", "zprof.profiling.interval", "2h", "2h"),
                bad("ISO duration of 821 years", "zprof.interval", "P300000D", "P300000D"),
                bad("size above 1 PiB", "zprof.report.spool.maxbytes", "2p", "2p"),
                bad("size of 1e30 GiB", "zprof.dump.maxbytes", "1e30g", "1e30g"),
                bad("dump budget above 1 PiB", "zprof.dump.maxbytes", "1025t", "1025t"),
                bad("heap cap above 1 PiB", "zprof.dump.heap.maxheap", "2p", "2p"),
                bad("holder analysis heap below 64 MiB", "zprof.dump.heapholders.maxheap", "32m", "33554432"),
                bad("holder analysis timeout of 0", "zprof.dump.heapholders.timeout", "0s", "0s"),
                bad("holder analysis interval above 1h", "zprof.dump.heapholders.interval", "2h", "2h"),
                bad("memory limit above 1 PiB", "zprof.resource.memorylimit", "2p", "2p"),
                bad("window ring above 1 PiB", "zprof.dump.window.maxsize", "2p", "2p"),
                // issue 16 item 6: the rule window is allocated per rule
                bad("window of 2^31-1 samples", "zprof.window", "2147483647", "2147483647"),
                bad("window of 20 M samples", "zprof.window", "20000000", "20000000"),
                bad("window above 10000", "zprof.window", "10001", "10001"),
                // issue 16 item 8: thresholds are plain decimals
                bad("threshold in Java float syntax", "zprof.cpu.abs", "80f", "80f"),
                bad("threshold in hex float syntax", "zprof.cpu.abs", "0x1p6", "0x1p6"),
                bad("threshold NaN", "zprof.memory.min", "NaN", "NaN"),
                bad("threshold Infinity", "zprof.cpu.max", "Infinity", "Infinity"),
                bad("threshold with an exponent", "zprof.cpu.diff", "2.5e1", "2.5e1"),
                bad("ratio in Java double syntax", "zprof.gcheap.ratio", "0.5d", "0.5d"),
                bad("negative warm-up", "zprof.warmup", "-1", "-1"),
                bad("fractional warm-up", "zprof.warmup", "1.5", "1.5"),
                bad("empty window", "zprof.window", "0", "0"),
                bad("window out of int range", "zprof.window", "99999999999", "99999999999"),
                bad("cpu.abs below cpu.min", "zprof.cpu.abs", "40", "40", "zprof.cpu.min", "50"),
                bad("negative cpu.diff", "zprof.cpu.diff", "-5", "-5"),
                bad("cpu.min not a number", "zprof.cpu.min", "ten", "ten"),
                bad("memory.max not above memory.min", "zprof.memory.max", "50", "50", "zprof.memory.min", "50"),
                bad("negative threads.cooldown", "zprof.threads.cooldown", "-5s", "-5s"),
                bad("unknown dump kind in a rule", "zprof.cpu.dumps", "cpu,bogus", "cpu,bogus"),
                bad("unknown key in a known section", "zprof.cpu.foo", "1", "zprof.cpu.foo"),
                bad("unknown top-level key", "zprof.colour", "blue", "zprof.colour"),
                bad("empty dump path", "zprof.dump.path", "", "''"),
                bad("blank dump path", "zprof.dump.path", "   ", "''"),
                bad("no files allowed", "zprof.dump.maxfiles", "0", "0"),
                bad("size with a bad unit", "zprof.dump.maxbytes", "12zz", "12zz"),
                bad("byte budget below 1 MiB", "zprof.dump.maxbytes", "1k", "1024"),
                bad("zero sample period", "zprof.dump.sampleperiod", "0", "0"),
                bad("heap disk factor below 1", "zprof.dump.heap.diskfactor", "0.5", "0.5"),
                bad("window ring below 1 MiB", "zprof.dump.window.maxsize", "1k", "1024"),
                bad("window sampling below 1 ms", "zprof.dump.window.sampleperiod", "PT0.0005S", "PT0.0005S"),
                bad("binary and text both off (text by default)", "zprof.dump.binary", "false", "false"),
                bad("binary and text both off", "zprof.dump.binary", "false", "false", "zprof.dump.text", "false"),
                bad("gcheap.ratio above 1", "zprof.gcheap.ratio", "1.5", "1.5"),
                bad("gcheap.ratio 0", "zprof.gcheap.ratio", "0", "0"),
                bad("unknown gcheap.mode", "zprof.gcheap.mode", "sometimes", "sometimes"),
                bad("no GC captures", "zprof.gcheap.dumpcount", "0", "0"),
                bad("'none' with a reporter", "zprof.reporters", "none,http", "none,http"),
                bad("reporter listed twice", "zprof.reporters", "http,http", "http,http"),
                bad("reporter name not lowercase", "zprof.reporters", "Http", "Http"),
                bad("label name with a dash", "zprof.labels.bad-name", "x", "x"),
                bad("profiling chunks below 1s", "zprof.profiling.interval", "100ms", "100ms"),
                bad("empty report queue", "zprof.report.queuesize", "0", "0"),
                bad("zero call timeout", "zprof.report.calltimeout", "0s", "0s"),
                bad("no delivery attempt", "zprof.report.retry.maxattempts", "0", "0"),
                bad("max backoff below initial backoff", "zprof.report.retry.maxbackoff", "5s", "5s",
                        "zprof.report.retry.initialbackoff", "10s"),
                bad("negative event max age", "zprof.report.retry.maxage", "-1d", "-1d"),
                bad("negative cpu cores", "zprof.resource.cpucores", "-1", "-1"),
                bad("negative memory limit", "zprof.resource.memorylimit", "-1", "-1"),
                bad("shrink nothing", "zprof.shrink.count", "0", "0"),
                bad("collector pin to an unknown metric", "zprof.collector.bogus", "oshi", "oshi"),
                bad("collector pin to a derived metric", "zprof.collector.cpupercent", "oshi", "oshi"),
                bad("dumper pin to an unknown kind", "zprof.dumper.bogus", "jfr", "jfr"),
                bad("boolean 'maybe'", "zprof.dryrun", "maybe", "maybe"),
                bad("boolean '2'", "zprof.cpu.enabled", "2", "2"));
    }

    private static Arguments bad(String what, String key, String value, String shown, String... more) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put(key, value);
        for (int i = 0; i < more.length; i += 2) {
            props.put(more[i], more[i + 1]);
        }
        return Arguments.of(what, props, key, shown);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("badProperties")
    void rejectsBadProperty(String what, Map<String, String> props, String key, String shown) {
        assertRejected(() -> ConfigBinder.bind(ConfigProperties.of(props)), key, shown);
    }

    @Test
    void unknownKeyNamesTheKnownKeysOfItsSection() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ConfigBinder.bind(ConfigProperties.of(Map.of("zprof.cpu.foo", "1"))));
        assertTrue(e.getMessage().contains("zprof.cpu.abs") && e.getMessage().contains("zprof.cpu.cooldown"), e.getMessage());
    }

    @Test
    void anUnknownKeyNeverShowsItsValueWhateverItsName() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> ConfigBinder.bind(ConfigProperties.of(
                Map.of("zprof.reportr.http.headers.X-Api-Key", "CANARY-7f3a"))));
        assertEquals("zprof.reportr.http.headers.X-Api-Key", e.key());
        assertTrue(e.getMessage().contains("zprof.reportr.http.headers.X-Api-Key"), e.getMessage());
        assertFalse(e.getMessage().contains("CANARY"), e.getMessage());
    }

    /** The property parser and the builders refuse the same values with the same words. */
    @Test
    void propertiesAndBuildersSayTheSame() {
        ConfigurationException typed = assertThrows(ConfigurationException.class,
                () -> ConfigBinder.bind(ConfigProperties.of(Map.of("zprof.report.calltimeout", "2h"))));
        ConfigurationException built = assertThrows(ConfigurationException.class,
                () -> ZprofConfig.builder().report(r -> r.callTimeout(Duration.ofHours(2))));
        assertEquals(typed.getMessage(), built.getMessage());
        assertEquals("zprof.report.calltimeout=2h: must be at most 1h", built.getMessage());
    }

    @Test
    void theLimitsThemselvesAreAccepted() {
        ZprofConfig cfg = ConfigBinder.bind(ConfigProperties.of(Map.ofEntries(
                Map.entry("zprof.interval", "1h"), Map.entry("zprof.window", "10000"),
                Map.entry("zprof.cpu.cooldown", "30d"), Map.entry("zprof.report.calltimeout", "1h"),
                Map.entry("zprof.report.flushtimeout", "0"), Map.entry("zprof.report.retry.maxage", "365d"),
                Map.entry("zprof.report.spool.maxbytes", "1p"), Map.entry("zprof.cpu.abs", "80.5"),
                Map.entry("zprof.dump.sampleperiod", "10s"), Map.entry("zprof.shrink.delay", "1.5s"))));
        assertEquals(Duration.ofHours(1), cfg.collectInterval());
        assertEquals(10_000, cfg.windowSize());
        assertEquals(Duration.ofDays(30), cfg.cpu().cooldown());
        assertEquals(Duration.ZERO, cfg.report().flushTimeout());
        assertEquals(1L << 50, cfg.report().spool().maxBytes());
        assertEquals(80.5, cfg.cpu().abs());
        assertEquals(Duration.ofMillis(1500), cfg.shrink().delay());
    }

    /**
     * description, a builder call that must fail, the key, text of the value. The threshold rules, the dump settings
     * and settings checked against each other fail in build(); the other parts as the value is set.
     */
    static Stream<Arguments> badBuilders() {
        return Stream.of(
                built("negative interval", () -> ZprofConfig.builder().collectInterval(Duration.ofMillis(-1)).build(),
                        "zprof.interval", "PT-0.001S"),
                built("zero interval", () -> ZprofConfig.builder().collectInterval(Duration.ZERO).build(), "zprof.interval", "0ms"),
                built("interval below 10ms", () -> ZprofConfig.builder().collectInterval(Duration.ofMillis(5)).build(),
                        "zprof.interval", "5ms"),
                built("interval of 821 years", () -> ZprofConfig.builder().collectInterval(Duration.ofDays(300_000)).build(),
                        "zprof.interval", "300000d"),
                built("window of 20 M samples", () -> ZprofConfig.builder().windowSize(20_000_000).build(),
                        "zprof.window", "20000000"),
                built("cooldown of 10^12 days", () -> ZprofConfig.builder().threads(r -> r.cooldown(Duration.ofDays(1_000_000_000_000L))).build(),
                        "zprof.threads.cooldown", "PT24000000000000H"),
                built("max backoff of 821 years", () -> ZprofConfig.builder().report(r -> r.retry(
                        r.retry().maxBackoff(Duration.ofDays(300_000)))), "zprof.report.retry.maxbackoff", "300000d"),
                built("flush timeout of 821 years", () -> ZprofConfig.builder().report(r -> r.flushTimeout(Duration.ofDays(300_000))),
                        "zprof.report.flushtimeout", "300000d"),
                built("call timeout of 25 days", () -> ZprofConfig.builder().report(r -> r.callTimeout(Duration.ofDays(25))),
                        "zprof.report.calltimeout", "25d"),
                built("spool above 1 PiB", () -> ZprofConfig.builder().report(r -> r.spool(r.spool().maxBytes(Long.MAX_VALUE))),
                        "zprof.report.spool.maxbytes", String.valueOf(Long.MAX_VALUE)),
                built("missing interval", () -> ZprofConfig.builder().collectInterval(null).build(), "zprof.interval", "null"),
                built("negative warm-up", () -> ZprofConfig.builder().warmupCycles(-1).build(), "zprof.warmup", "-1"),
                built("empty window", () -> ZprofConfig.builder().windowSize(0).build(), "zprof.window", "0"),
                built("negative event max age", () -> ZprofConfig.builder().report(r -> r.retry(r.retry().maxAge(Duration.ofDays(-1)))).build(),
                        "zprof.report.retry.maxage", "PT-24H"),
                built("cpu.abs below cpu.min", () -> ZprofConfig.builder().cpu(r -> r.min(50).abs(40)).build(), "zprof.cpu.abs", "40.0"),
                built("negative cpu.diff", () -> ZprofConfig.builder().cpu(r -> r.diff(-5)).build(), "zprof.cpu.diff", "-5.0"),
                built("NaN cpu.min", () -> ZprofConfig.builder().cpu(r -> r.min(Double.NaN)).build(), "zprof.cpu.min", "NaN"),
                built("infinite cpu.abs", () -> ZprofConfig.builder().cpu(r -> r.abs(Double.POSITIVE_INFINITY)).build(), "zprof.cpu.abs",
                        "Infinity"),
                built("memory.max not above min", () -> ZprofConfig.builder().memory(r -> r.min(50).max(50)).build(), "zprof.memory.max", "50.0"),
                built("negative threads.cooldown", () -> ZprofConfig.builder().threads(r -> r.cooldown(Duration.ofSeconds(-5))).build(),
                        "zprof.threads.cooldown", "PT-5S"),
                built("negative osthreads.min", () -> ZprofConfig.builder().osThreads(r -> r.min(-1)).build(), "zprof.osthreads.min", "-1.0"),
                built("rule under the wrong name", () -> ZprofConfig.builder().rule(
                        new ThresholdRuleConfig("gpu", true, 1, 2, 3, Duration.ZERO, 0, List.of(DumpKind.CPU))), "zprof.gpu", "gpu"),
                built("empty dump path", () -> ZprofConfig.builder().dump(d -> d.directory(Path.of(""))).build(), "zprof.dump.path", "''"),
                built("no files allowed", () -> ZprofConfig.builder().dump(d -> d.maxFiles(0)).build(), "zprof.dump.maxfiles", "0"),
                built("byte budget below 1 MiB", () -> ZprofConfig.builder().dump(d -> d.maxBytes(1000)).build(), "zprof.dump.maxbytes", "1000"),
                built("zero sample period", () -> ZprofConfig.builder().dump(d -> d.samplePeriod(Duration.ZERO)).build(),
                        "zprof.dump.sampleperiod", "0ms"),
                built("binary and text both off", () -> ZprofConfig.builder().dump(d -> d.binary(false).text(false)).build(),
                        "zprof.dump.binary", "false"),
                built("gcheap.ratio above 1", () -> ZprofConfig.builder().gcHeap(g -> g.triggerRatio(1.5)), "zprof.gcheap.ratio", "1.5"),
                built("gcheap.ratio 0", () -> ZprofConfig.builder().gcHeap(g -> g.triggerRatio(0)), "zprof.gcheap.ratio", "0.0"),
                built("gcheap.ratio NaN", () -> ZprofConfig.builder().gcHeap(g -> g.triggerRatio(Double.NaN)), "zprof.gcheap.ratio", "NaN"),
                built("no gcheap mode", () -> ZprofConfig.builder().gcHeap(g -> g.mode(null)), "zprof.gcheap.mode", "null"),
                built("no GC captures", () -> ZprofConfig.builder().gcHeap(g -> g.dumpCount(0)), "zprof.gcheap.dumpcount", "0"),
                built("reporter listed twice", () -> ZprofConfig.builder().report(r -> r.reporters("http", "http")),
                        "zprof.reporters", "http,http"),
                built("reporter name not lowercase", () -> ZprofConfig.builder().report(r -> r.reporters("Http")),
                        "zprof.reporters", "Http"),
                built("label name with a dash", () -> ZprofConfig.builder().label("bad-name", "x").build(),
                        "zprof.labels.bad-name", "x"),
                built("profiling chunks below 1s", () -> ZprofConfig.builder().profiling(p -> p.uploadInterval(Duration.ofMillis(100))),
                        "zprof.profiling.interval", "100ms"),
                built("empty report queue", () -> ZprofConfig.builder().report(r -> r.queueSize(0)), "zprof.report.queuesize", "0"),
                built("max backoff below initial", () -> ZprofConfig.builder().report(r -> r.retry(
                        r.retry().initialBackoff(Duration.ofSeconds(10)).maxBackoff(Duration.ofSeconds(5)))).build(),
                        "zprof.report.retry.maxbackoff", "5s"),
                built("negative cpu cores", () -> ZprofConfig.builder().resource(r -> r.cpuCores(-1)), "zprof.resource.cpucores", "-1.0"),
                built("no provider selection", () -> ZprofConfig.builder().providers(null).build(), "zprof.providers", "null"),
                built("null pins", () -> new ProviderSelection(null, Map.of(), java.util.Set.of()), "zprof.collector", "null"));
    }

    private static Arguments built(String what, Executable call, String key, String shown) {
        return Arguments.of(what, call, key, shown);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBuilders")
    void rejectsBadBuilderValue(String what, Executable call, String key, String shown) {
        assertRejected(call, key, shown);
    }

    static void assertRejected(Executable call, String key, String shown) {
        ConfigurationException e = assertThrows(ConfigurationException.class, call);
        assertEquals(key, e.key(), e.getMessage());
        assertTrue(e.getMessage().contains(key), () -> "message names the key " + key + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(shown), () -> "message shows the value " + shown + ": " + e.getMessage());
    }
}
