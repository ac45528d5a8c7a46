package io.zprof.core.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
                bad("zero interval", "zprof.interval", "0", "PT0S"),
                bad("interval not a duration", "zprof.interval", "abc", "abc"),
                bad("interval below 10ms", "zprof.interval", "5ms", "PT0.005S"),
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
                bad("unknown key in a known section", "zprof.cpu.foo", "1", "1"),
                bad("unknown top-level key", "zprof.colour", "blue", "blue"),
                bad("empty dump path", "zprof.dump.path", "", "''"),
                bad("blank dump path", "zprof.dump.path", "   ", "''"),
                bad("no files allowed", "zprof.dump.maxfiles", "0", "0"),
                bad("size with a bad unit", "zprof.dump.maxbytes", "12zz", "12zz"),
                bad("byte budget below 1 MiB", "zprof.dump.maxbytes", "1k", "1024"),
                bad("zero sample period", "zprof.dump.sampleperiod", "0", "PT0S"),
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
                bad("profiling chunks below 1s", "zprof.profiling.interval", "100ms", "PT0.1S"),
                bad("empty report queue", "zprof.report.queuesize", "0", "0"),
                bad("zero call timeout", "zprof.report.calltimeout", "0s", "PT0S"),
                bad("no delivery attempt", "zprof.report.retry.maxattempts", "0", "0"),
                bad("max backoff below initial backoff", "zprof.report.retry.maxbackoff", "5s", "PT5S",
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

    /** description, a builder call that must fail, the key, text of the value. */
    static Stream<Arguments> badBuilders() {
        return Stream.of(
                built("negative interval", () -> ZprofConfig.builder().collectInterval(Duration.ofMillis(-1)).build(),
                        "zprof.interval", "PT-0.001S"),
                built("zero interval", () -> ZprofConfig.builder().collectInterval(Duration.ZERO).build(), "zprof.interval", "PT0S"),
                built("interval below 10ms", () -> ZprofConfig.builder().collectInterval(Duration.ofMillis(5)).build(),
                        "zprof.interval", "PT0.005S"),
                built("missing interval", () -> ZprofConfig.builder().collectInterval(null).build(), "zprof.interval", "null"),
                built("negative warm-up", () -> ZprofConfig.builder().warmupCycles(-1).build(), "zprof.warmup", "-1"),
                built("empty window", () -> ZprofConfig.builder().windowSize(0).build(), "zprof.window", "0"),
                built("negative event max age", () -> ZprofConfig.builder().report(r -> r.retry(r.retry().maxAge(Duration.ofDays(-1)))).build(),
                        "zprof.report.retry.maxage", "PT-24H"),
                built("cpu.abs below cpu.min", () -> ZprofConfig.builder().cpu(r -> r.min(50).abs(40)), "zprof.cpu.abs", "40.0"),
                built("negative cpu.diff", () -> ZprofConfig.builder().cpu(r -> r.diff(-5)), "zprof.cpu.diff", "-5.0"),
                built("NaN cpu.min", () -> ZprofConfig.builder().cpu(r -> r.min(Double.NaN)), "zprof.cpu.min", "NaN"),
                built("infinite cpu.abs", () -> ZprofConfig.builder().cpu(r -> r.abs(Double.POSITIVE_INFINITY)), "zprof.cpu.abs",
                        "Infinity"),
                built("memory.max not above min", () -> ZprofConfig.builder().memory(r -> r.min(50).max(50)), "zprof.memory.max", "50.0"),
                built("negative threads.cooldown", () -> ZprofConfig.builder().threads(r -> r.cooldown(Duration.ofSeconds(-5))),
                        "zprof.threads.cooldown", "PT-5S"),
                built("negative osthreads.min", () -> ZprofConfig.builder().osThreads(r -> r.min(-1)), "zprof.osthreads.min", "-1.0"),
                built("rule under the wrong name", () -> ZprofConfig.builder().rule(
                        new ThresholdRuleConfig("gpu", true, 1, 2, 3, Duration.ZERO, 0, List.of(DumpKind.CPU))), "zprof.gpu", "gpu"),
                built("empty dump path", () -> ZprofConfig.builder().dump(d -> d.directory(Path.of(""))), "zprof.dump.path", "''"),
                built("no files allowed", () -> ZprofConfig.builder().dump(d -> d.maxFiles(0)), "zprof.dump.maxfiles", "0"),
                built("byte budget below 1 MiB", () -> ZprofConfig.builder().dump(d -> d.maxBytes(1000)), "zprof.dump.maxbytes", "1000"),
                built("zero sample period", () -> ZprofConfig.builder().dump(d -> d.samplePeriod(Duration.ZERO)),
                        "zprof.dump.sampleperiod", "PT0S"),
                built("binary and text both off", () -> ZprofConfig.builder().dump(d -> d.binary(false).text(false)),
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
                        "zprof.profiling.interval", "PT0.1S"),
                built("empty report queue", () -> ZprofConfig.builder().report(r -> r.queueSize(0)), "zprof.report.queuesize", "0"),
                built("max backoff below initial", () -> ZprofConfig.builder().report(r -> r.retry(
                        r.retry().initialBackoff(Duration.ofSeconds(10)).maxBackoff(Duration.ofSeconds(5)))),
                        "zprof.report.retry.maxbackoff", "PT5S"),
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
