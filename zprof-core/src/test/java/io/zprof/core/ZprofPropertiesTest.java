package io.zprof.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ConfigurationException;
import io.zprof.api.config.ZprofConfig;
import io.zprof.core.internal.config.ConfigBinder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where flat settings come from: a properties file, then environment variables, then system properties. */
class ZprofPropertiesTest {
    @TempDir
    Path tmp;

    @Test
    void environmentVariablesBecomeDottedLowercaseKeys() {
        Map<String, String> out = ZprofProperties.fromEnvironmentVariables(Map.of(
                "ZPROF_CPU_ABS", "80",
                "ZPROF_DUMP_HEAP_DISKFACTOR", "1.5",
                "ZPROF_REPORTER_HTTP_URL", "http://127.0.0.1:9",
                "PATH", "/usr/bin",
                "zprof_lowercase", "ignored",
                "MY_ZPROF_CPU_ABS", "1"));
        assertEquals(Map.of("zprof.cpu.abs", "80", "zprof.dump.heap.diskfactor", "1.5",
                "zprof.reporter.http.url", "http://127.0.0.1:9"), out);
        ZprofConfig cfg = ConfigBinder.bind(ConfigProperties.of(out));
        assertEquals(80.0, cfg.cpu().abs());
        assertEquals(1.5, cfg.dump().heapDiskFactor());
    }

    @Test
    void aDoubleUnderscoreIsAnUnderscoreInTheName() {
        Map<String, String> out = ZprofProperties.fromEnvironmentVariables(Map.of(
                "ZPROF_LABELS_SERVICE__TIER", "gold",
                "ZPROF_LABELS_APP", "checkout"));
        assertEquals(Map.of("zprof.labels.service_tier", "gold", "zprof.labels.app", "checkout"), out);
        ZprofConfig cfg = ConfigBinder.bind(ConfigProperties.of(out));
        assertEquals(Map.of("service_tier", "gold", "app", "checkout"), cfg.labels());
    }

    @Test
    void fileThenEnvironmentThenSystemProperties() throws IOException {
        Path file = tmp.resolve("zprof.properties");
        Files.writeString(file, String.join("\n",
                "# lowest precedence",
                "zprof.cpu.abs=70",
                "zprof.cpu.min=10",
                "zprof.window=5",
                "zprof.warmup=2",
                "not.zprof=ignored",
                ""), StandardCharsets.UTF_8);
        Map<String, String> env = Map.of(
                "ZPROF_CONFIG_FILE", file.toString(),
                "ZPROF_CPU_ABS", "75",
                "ZPROF_WINDOW", "7");
        Map<String, String> sys = Map.of(
                "zprof.cpu.abs", "85",
                "java.version", "17");

        ConfigProperties merged = ZprofProperties.merge(env, sys);

        assertEquals("85", merged.get("zprof.cpu.abs"), "system properties win over environment and file");
        assertEquals("7", merged.get("zprof.window"), "environment wins over the file");
        assertEquals("10", merged.get("zprof.cpu.min"), "the file fills in the rest");
        assertNull(merged.get("not.zprof"), "only zprof.* keys are read from the file");
        assertNull(merged.get("java.version"), "only zprof.* system properties are read");
        ZprofConfig cfg = ConfigBinder.bind(merged);
        assertEquals(85.0, cfg.cpu().abs());
        assertEquals(10.0, cfg.cpu().min());
        assertEquals(7, cfg.windowSize());
        assertEquals(2, cfg.warmupCycles());
    }

    @Test
    void systemPropertyNamesTheFileOverTheEnvironment() throws IOException {
        Path envFile = tmp.resolve("env.properties");
        Path sysFile = tmp.resolve("sys.properties");
        Files.writeString(envFile, "zprof.interval=7s\n", StandardCharsets.UTF_8);
        Files.writeString(sysFile, "zprof.interval=9s\n", StandardCharsets.UTF_8);
        ConfigProperties merged = ZprofProperties.merge(Map.of("ZPROF_CONFIG_FILE", envFile.toString()),
                Map.of("zprof.config.file", sysFile.toString()));
        assertEquals(Duration.ofSeconds(9), ConfigBinder.bind(merged).collectInterval());
    }

    @Test
    void unreadableFileNamesTheSetting() {
        Path missing = tmp.resolve("missing.properties");
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ZprofProperties.merge(Map.of(), Map.of("zprof.config.file", missing.toString())));
        assertEquals("zprof.config.file", e.key());
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void builderBindsPropertiesThenCodeWins() {
        try (Zprof z = Zprof.builder()
                .properties(ConfigProperties.of(Map.of("zprof.cpu.abs", "70", "zprof.window", "4")))
                .configure(b -> b.cpu(r -> r.abs(90)))
                .build()) {
            assertEquals(90.0, z.config().cpu().abs(), "code-given settings win");
            assertEquals(4, z.config().windowSize(), "properties fill in the rest");
        }
    }

    @Test
    void createFromACompleteConfigIgnoresTheEnvironment() {
        ZprofConfig cfg = ZprofConfig.builder().windowSize(3).build();
        try (Zprof z = Zprof.create(cfg)) {
            assertEquals(cfg, z.config());
        }
    }
}
