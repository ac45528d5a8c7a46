package io.zprof.core.internal.config;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ConfigurationException;
import io.zprof.api.config.GcMonitorMode;
import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.DumpKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Flat {@code zprof.*} properties bind onto the typed configuration: every known key, in any order. */
class ConfigBinderTest {
    private static final long MIB = 1024 * 1024;

    /** A known key, a sample value different from the default, where it lands, and other keys it needs. */
    record Row(String key, String value, Function<ZprofConfig, Object> getter, Object expected, Map<String, String> with) {
        @Override
        public String toString() {
            return "zprof." + key + "=" + value;
        }
    }

    private static Row row(String key, String value, Function<ZprofConfig, Object> getter, Object expected) {
        return new Row(key, value, getter, expected, Map.of());
    }

    private static Row row(String key, String value, Function<ZprofConfig, Object> getter, Object expected, String withKey,
                           String withValue) {
        return new Row(key, value, getter, expected, Map.of(withKey, withValue));
    }

    static final List<Row> TABLE = List.of(
            row("interval", "1500ms", ZprofConfig::collectInterval, Duration.ofMillis(1500)),
            row("warmup", "3", ZprofConfig::warmupCycles, 3),
            row("window", "7", ZprofConfig::windowSize, 7),
            row("dryrun", "true", ZprofConfig::dryRun, true),
            row("cpu.enabled", "yes", c -> c.cpu().enabled(), true),
            row("cpu.min", "30", c -> c.cpu().min(), 30.0),
            row("cpu.abs", "90", c -> c.cpu().abs(), 90.0),
            row("cpu.diff", "40", c -> c.cpu().diff(), 40.0),
            row("cpu.cooldown", "90s", c -> c.cpu().cooldown(), Duration.ofSeconds(90)),
            row("cpu.max", "95", c -> c.cpu().max(), 95.0),
            row("cpu.dumps", "cpu, threads", c -> c.cpu().dumps(), List.of(DumpKind.CPU, DumpKind.THREADS)),
            row("memory.enabled", "on", c -> c.memory().enabled(), true),
            row("memory.min", "30", c -> c.memory().min(), 30.0),
            row("memory.abs", "85.5", c -> c.memory().abs(), 85.5),
            row("memory.diff", "10", c -> c.memory().diff(), 10.0),
            row("memory.cooldown", "2m", c -> c.memory().cooldown(), Duration.ofMinutes(2)),
            row("memory.max", "99", c -> c.memory().max(), 99.0),
            row("memory.dumps", "heap,alloc", c -> c.memory().dumps(), List.of(DumpKind.HEAP, DumpKind.ALLOC)),
            row("threads.enabled", "1", c -> c.threads().enabled(), true),
            row("threads.min", "200", c -> c.threads().min(), 200.0),
            row("threads.abs", "300", c -> c.threads().abs(), 300.0),
            row("threads.diff", "50", c -> c.threads().diff(), 50.0),
            row("threads.cooldown", "PT1M", c -> c.threads().cooldown(), Duration.ofMinutes(1)),
            row("threads.max", "5000", c -> c.threads().max(), 5000.0),
            row("threads.dumps", "threads,lock", c -> c.threads().dumps(), List.of(DumpKind.THREADS, DumpKind.LOCK)),
            row("osthreads.enabled", "TRUE", c -> c.osThreads().enabled(), true),
            row("osthreads.min", "20", c -> c.osThreads().min(), 20.0),
            row("osthreads.abs", "400", c -> c.osThreads().abs(), 400.0),
            row("osthreads.diff", "30", c -> c.osThreads().diff(), 30.0),
            row("osthreads.cooldown", "45s", c -> c.osThreads().cooldown(), Duration.ofSeconds(45)),
            row("osthreads.max", "1000", c -> c.osThreads().max(), 1000.0),
            row("osthreads.dumps", "threads,threadcreate", c -> c.osThreads().dumps(), List.of(DumpKind.THREADS, DumpKind.THREADCREATE)),
            row("gcheap.enabled", "true", c -> c.gcHeap().enabled(), true),
            row("gcheap.mode", "poll", c -> c.gcHeap().mode(), GcMonitorMode.POLL),
            row("gcheap.ratio", "0.85", c -> c.gcHeap().triggerRatio(), 0.85),
            row("gcheap.dumpcount", "3", c -> c.gcHeap().dumpCount(), 3),
            row("gcheap.cooldown", "10m", c -> c.gcHeap().cooldown(), Duration.ofMinutes(10)),
            row("gcheap.dumps", "heap,threads", c -> c.gcHeap().dumps(), List.of(DumpKind.HEAP, DumpKind.THREADS)),
            row("shrink.enabled", "true", c -> c.shrink().enabled(), true),
            row("shrink.threshold", "500", c -> c.shrink().threshold(), 500),
            row("shrink.delay", "5s", c -> c.shrink().delay(), Duration.ofSeconds(5)),
            row("shrink.count", "50", c -> c.shrink().shrinkCount(), 50),
            row("shrink.restoreafter", "1m", c -> c.shrink().restoreAfter(), Duration.ofMinutes(1)),
            row("shrink.cooldown", "20m", c -> c.shrink().cooldown(), Duration.ofMinutes(20)),
            row("dump.path", "/var/tmp/zprof-dumps", c -> c.dump().directory(), Path.of("/var/tmp/zprof-dumps")),
            row("dump.binary", "false", c -> c.dump().binary(), false, "zprof.dump.text", "true"),
            row("dump.text", "true", c -> c.dump().text(), true),
            row("dump.cpuduration", "30s", c -> c.dump().cpuDuration(), Duration.ofSeconds(30)),
            row("dump.sampleperiod", "20ms", c -> c.dump().samplePeriod(), Duration.ofMillis(20)),
            row("dump.threadcreateduration", "15s", c -> c.dump().threadCreateDuration(), Duration.ofSeconds(15)),
            row("dump.maxfiles", "7", c -> c.dump().maxFiles(), 7),
            row("dump.maxbytes", "64MiB", c -> c.dump().maxBytes(), 64 * MIB),
            row("dump.flamegraph", "true", c -> c.dump().flameGraph(), true),
            row("dump.heap.diskfactor", "2.5", c -> c.dump().heapDiskFactor(), 2.5),
            row("dump.heap.maxheap", "1g", c -> c.dump().heapMaxBytes(), 1024 * MIB),
            row("dump.heapholders.enabled", "true", c -> c.dump().heapHolders().enabled(), true),
            row("dump.heapholders.maxheap", "2g", c -> c.dump().heapHolders().maxHeapBytes(), 2048 * MIB),
            row("dump.heapholders.timeout", "90s", c -> c.dump().heapHolders().timeout(), Duration.ofSeconds(90)),
            row("dump.heapholders.interval", "3s", c -> c.dump().heapHolders().interval(), Duration.ofSeconds(3)),
            row("dump.window.enabled", "true", c -> c.dump().window().enabled(), true),
            row("dump.window.maxage", "5m", c -> c.dump().window().maxAge(), Duration.ofMinutes(5)),
            row("dump.window.maxsize", "16MiB", c -> c.dump().window().maxSize(), 16 * MIB),
            row("dump.window.sampleperiod", "100ms", c -> c.dump().window().samplePeriod(), Duration.ofMillis(100)),
            row("resource.cpucores", "1.5", c -> c.resource().cpuCores(), 1.5),
            row("resource.memorylimit", "512m", c -> c.resource().memoryLimitBytes(), 512 * MIB),
            row("resource.cgroup", "false", c -> c.resource().useCgroup(), false),
            row("reporters", "http, pyroscope", c -> c.report().reporters(), List.of("http", "pyroscope")),
            row("report.queuesize", "7", c -> c.report().queueSize(), 7),
            row("report.flushtimeout", "2s", c -> c.report().flushTimeout(), Duration.ofSeconds(2)),
            row("report.calltimeout", "30s", c -> c.report().callTimeout(), Duration.ofSeconds(30)),
            row("report.retry.maxattempts", "9", c -> c.report().retry().maxAttempts(), 9),
            row("report.retry.initialbackoff", "2s", c -> c.report().retry().initialBackoff(), Duration.ofSeconds(2)),
            row("report.retry.maxbackoff", "1m", c -> c.report().retry().maxBackoff(), Duration.ofMinutes(1)),
            row("report.retry.maxelapsed", "10m", c -> c.report().retry().maxElapsed(), Duration.ofMinutes(10)),
            row("report.retry.maxage", "2d", c -> c.report().retry().maxAge(), Duration.ofDays(2)),
            row("report.spool.enabled", "false", c -> c.report().spool().enabled(), false),
            row("report.spool.maxbytes", "1g", c -> c.report().spool().maxBytes(), 1024 * MIB),
            row("report.spool.path", "/var/tmp/zprof-spool", c -> c.report().spool().directory(), Path.of("/var/tmp/zprof-spool")),
            row("profiling.enabled", "true", c -> c.profiling().enabled(), true),
            row("profiling.interval", "15s", c -> c.profiling().uploadInterval(), Duration.ofSeconds(15)),
            // read by ZprofProperties (the file is merged before binding); accepted here and changes nothing
            row("config.file", "/etc/zprof.properties", c -> c, ZprofConfig.defaults()));

    static Stream<Row> table() {
        return TABLE.stream();
    }

    @Test
    void tableCoversEveryKnownKeyExactlyOnce() {
        List<String> tableKeys = TABLE.stream().map(Row::key).toList();
        assertEquals(new LinkedHashSet<>(tableKeys).size(), tableKeys.size(), "a key is listed twice");
        assertEquals(Set.copyOf(ConfigBinder.knownKeys()), Set.copyOf(tableKeys));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void bindsEveryKnownKey(Row row) {
        Object defaultValue = row.getter().apply(ZprofConfig.defaults());
        if (!row.key().equals("config.file")) {
            assertNotEquals(row.expected(), defaultValue, "the sample must differ from the default to prove anything");
        }
        Map<String, String> props = new HashMap<>(row.with());
        props.put("zprof." + row.key(), row.value());
        assertEquals(row.expected(), row.getter().apply(ConfigBinder.bind(ConfigProperties.of(props))));
    }

    @Test
    void bindsEveryKnownKeyAtOnce() {
        Map<String, String> props = new HashMap<>();
        for (Row r : TABLE) {
            props.putAll(r.with());
            props.put("zprof." + r.key(), r.value());
        }
        ZprofConfig cfg = ConfigBinder.bind(ConfigProperties.of(props));
        List<org.junit.jupiter.api.function.Executable> checks = new ArrayList<>();
        for (Row r : TABLE) {
            if (!r.key().equals("config.file")) {
                checks.add(() -> assertEquals(r.expected(), r.getter().apply(cfg), r.toString()));
            }
        }
        assertAll(checks);
    }

    /**
     * Settings validated against each other (abs vs min, max vs min, binary vs text, backoffs) must bind whatever
     * the order in which the keys are applied: a valid combination is valid.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        raise min and abs together      | zprof.cpu.min=90,zprof.cpu.abs=95
        lower min and abs together      | zprof.memory.min=5,zprof.memory.abs=10
        lower max below the default min | zprof.threads.min=10,zprof.threads.max=50
        text instead of binary          | zprof.dump.binary=false,zprof.dump.text=true
        longer backoffs                 | zprof.report.retry.initialbackoff=60s,zprof.report.retry.maxbackoff=120s
        """)
    void crossFieldSettingsBindInAnyOrder(String what, String pairs) {
        Map<String, String> props = new HashMap<>();
        for (String p : pairs.split(",")) {
            props.put(p.substring(0, p.indexOf('=')), p.substring(p.indexOf('=') + 1));
        }
        ZprofConfig cfg = ConfigBinder.bind(ConfigProperties.of(props));
        Map<String, String> back = new HashMap<>();
        props.keySet().forEach(k -> back.put(k, valueOf(cfg, k)));
        assertEquals(props, back);
    }

    /**
     * Each key is applied once and the settings are checked against each other when the whole is built, so every
     * setting that does not fit the others is named in one error (the retry loop this replaced named the first),
     * durations as typed.
     */
    @Test
    void everySettingThatDoesNotFitTheOthersIsReportedAtOnce() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> ConfigBinder.bind(ConfigProperties.of(
                Map.of("zprof.cpu.min", "50", "zprof.cpu.abs", "40", "zprof.dump.binary", "false",
                        "zprof.report.retry.initialbackoff", "10s", "zprof.report.retry.maxbackoff", "5000ms"))));
        assertEquals(List.of("zprof.cpu.abs", "zprof.dump.binary", "zprof.report.retry.maxbackoff"),
                e.problems().stream().map(ConfigurationException::key).toList(), e.getMessage());
        assertEquals(List.of("40.0", "false", "5000ms"), e.problems().stream().map(ConfigurationException::value).toList());
        assertTrue(e.getMessage().contains("zprof.report.retry.maxbackoff=5000ms: must be >= zprof.report.retry.initialbackoff"),
                e.getMessage());
    }

    private static String valueOf(ZprofConfig c, String key) {
        return switch (key) {
            case "zprof.cpu.min" -> fmt(c.cpu().min());
            case "zprof.cpu.abs" -> fmt(c.cpu().abs());
            case "zprof.memory.min" -> fmt(c.memory().min());
            case "zprof.memory.abs" -> fmt(c.memory().abs());
            case "zprof.threads.min" -> fmt(c.threads().min());
            case "zprof.threads.max" -> fmt(c.threads().max());
            case "zprof.dump.binary" -> Boolean.toString(c.dump().binary());
            case "zprof.dump.text" -> Boolean.toString(c.dump().text());
            case "zprof.report.retry.initialbackoff" -> c.report().retry().initialBackoff().toSeconds() + "s";
            case "zprof.report.retry.maxbackoff" -> c.report().retry().maxBackoff().toSeconds() + "s";
            default -> throw new IllegalArgumentException(key);
        };
    }

    private static String fmt(double d) {
        return Long.toString((long) d);
    }

    @ParameterizedTest(name = "zprof.{0}=")
    @CsvSource({"cpu.abs", "warmup", "interval", "dryrun", "gcheap.ratio", "dump.maxbytes", "gcheap.mode"})
    void blankValueIsRejectedNotSilentlyZero(String key) {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ConfigBinder.bind(ConfigProperties.of(Map.of("zprof." + key, " "))));
        assertEquals("zprof." + key, e.key(), e.getMessage());
    }

    @Test
    void labelsProvidersAndPinsBind() {
        ZprofConfig cfg = ConfigBinder.bind(ConfigProperties.of(Map.of(
                "zprof.labels.app", " shop ",
                "zprof.labels.env", "prod",
                "zprof.providers.disabled", "oshi, cgroup",
                "zprof.collector.memory", "oshi",
                "zprof.collector.jvmthreads", "jvm",
                "zprof.dumper.heap", "jfr")));
        assertEquals(Map.of("app", "shop", "env", "prod"), cfg.labels());
        assertEquals(Set.of("oshi", "cgroup"), cfg.providers().disabled());
        assertEquals(Map.of("memory", "oshi", "jvmthreads", "jvm"), cfg.providers().collectorPins(),
                "pins keep the key the user wrote; selection expands aliases");
        assertEquals(Map.of("heap", "jfr"), cfg.providers().dumperPins());
    }

    @Test
    void reportersNoneMeansNoReporter() {
        assertEquals(List.of(), ConfigBinder.bind(ConfigProperties.of(Map.of("zprof.reporters", "none"))).report().reporters());
    }

    @Test
    void adapterScopedKeysPassThrough() {
        Map<String, String> props = Map.of(
                "zprof.reporter.x.url", "http://127.0.0.1:4040",
                "zprof.reporter.http.headers.x-team", "core",
                "zprof.collector.cgroup.root", "/sys/fs/cgroup",
                "zprof.dumper.jfr.settings", "profile",
                "zprof.shrinker.jdk.pools", "web");
        ConfigProperties p = ConfigProperties.of(props);
        assertEquals(ZprofConfig.defaults(), ConfigBinder.bind(p), "adapter keys change nothing in the typed config");
        assertEquals("http://127.0.0.1:4040", p.withPrefix("zprof.reporter.x.").get("url"));
        assertEquals("zprof.reporter.x.url", p.withPrefix("zprof.reporter.x.").fullKey("url"));
    }

    @Test
    void bindStartsFromAGivenBase() {
        ZprofConfig base = ZprofConfig.builder().windowSize(4).cpu(r -> r.enabled(true)).build();
        ZprofConfig cfg = ConfigBinder.bind(base, ConfigProperties.of(Map.of("zprof.cpu.abs", "70")));
        assertEquals(4, cfg.windowSize());
        assertTrue(cfg.cpu().enabled());
        assertEquals(70.0, cfg.cpu().abs());
    }

    @Test
    void nonZprofKeysAreIgnored() {
        assertEquals(ZprofConfig.defaults(), ConfigBinder.bind(ConfigProperties.of(Map.of("java.home", "/x", "zprofx.y", "1"))));
    }

    @ParameterizedTest(name = "{0} -> {1} ms")
    @CsvSource({"500ms, 500", "5s, 5000", "1.5s, 1500", "10m, 600000", "1h, 3600000", "PT1M, 60000", "pt2s, 2000",
        "0.5h, 1800000", "' 7s ', 7000"})
    void parsesDurations(String text, long millis) {
        ZprofConfig cfg = ConfigBinder.bind(ConfigProperties.of(Map.of("zprof.interval", text)));
        assertEquals(Duration.ofMillis(millis), cfg.collectInterval());
    }

    @ParameterizedTest(name = "{0} -> {1} bytes")
    @CsvSource({"64MiB, 67108864", "1g, 1073741824", "1GB, 1073741824", "2048k, 2097152", "5000000, 5000000",
        "1.5GiB, 1610612736", "3 MiB, 3145728", "2097152b, 2097152"})
    void parsesSizes(String text, long bytes) {
        ZprofConfig cfg = ConfigBinder.bind(ConfigProperties.of(Map.of("zprof.dump.maxbytes", text)));
        assertEquals(bytes, cfg.dump().maxBytes());
    }

    @Test
    void secretValuesNeverAppearInToString() {
        ConfigProperties p = ConfigProperties.of(Map.of(
                "zprof.reporter.http.token", "tok-s3cr3t",
                "zprof.reporter.pyroscope.password", "hunter2",
                "zprof.reporter.pyroscope.basicauth.secret", "sekrit",
                "zprof.reporter.http.authorization", "Bearer abc.def",
                "zprof.reporter.http.url", "http://127.0.0.1:9"));
        for (String shown : List.of(p.toString(), p.withPrefix("zprof.reporter.").toString())) {
            for (String secret : List.of("tok-s3cr3t", "hunter2", "sekrit", "abc.def")) {
                assertFalse(shown.contains(secret), shown);
            }
            assertTrue(shown.contains("http://127.0.0.1:9"), "non-secret values stay visible: " + shown);
            assertTrue(shown.contains("zprof.reporter.http.token=****"), shown);
        }
    }

    @Test
    void secretValueOfAMistypedKeyNeverAppearsInTheError() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ConfigBinder.bind(ConfigProperties.of(Map.of("zprof.reportr.http.token", "tok-s3cr3t"))));
        assertEquals("zprof.reportr.http.token", e.key());
        assertFalse(e.getMessage().contains("tok-s3cr3t"), e.getMessage());
    }
}
