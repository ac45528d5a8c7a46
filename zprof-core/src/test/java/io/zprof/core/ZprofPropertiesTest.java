package io.zprof.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ConfigurationException;
import io.zprof.api.config.ZprofConfig;
import io.zprof.core.internal.config.ConfigBinder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

    /**
     * Issue 16 item 9: Kubernetes sets these in every pod of a namespace with a Service named zprof; other software
     * may set ZPROF_HOME. None is a zprof setting, so none may stop the application: they are left out, and one
     * warning lists their names (never their values).
     */
    @Test
    void environmentVariablesThatAreNoSettingAreIgnoredWithOneWarning() {
        Map<String, String> env = Map.of(
                "ZPROF_PORT", "tcp://10.0.0.7:4040",
                "ZPROF_PORT_4040_TCP_ADDR", "10.0.0.7",
                "ZPROF_SERVICE_HOST", "10.0.0.7",
                "ZPROF_SERVICE_PORT", "4040",
                "ZPROF_HOME", "/opt/CANARY-home",
                "ZPROF_CPU_ABS", "75",
                "ZPROF_REPORTER_HTTP_URL", "http://127.0.0.1:9/");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream previous = System.err;
        ConfigProperties merged;
        try {
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            merged = ZprofProperties.merge(env, Map.of());
        } finally {
            System.setErr(previous);
        }
        assertEquals(java.util.Set.of("zprof.cpu.abs", "zprof.reporter.http.url"), merged.keys());
        Zprof zprof = Zprof.builder().properties(merged).build();
        assertEquals(75.0, zprof.config().cpu().abs());
        String logged = log.toString(StandardCharsets.UTF_8);
        List<String> warnings = logged.lines().filter(l -> l.contains("not zprof settings")).toList();
        assertEquals(1, warnings.size(), logged);
        assertTrue(warnings.get(0).contains("ZPROF_HOME, ZPROF_PORT, ZPROF_PORT_4040_TCP_ADDR, ZPROF_SERVICE_HOST, "
                + "ZPROF_SERVICE_PORT"), warnings.get(0));
        assertFalse(logged.contains("CANARY") || logged.contains("10.0.0.7"), "no values: " + logged);
    }

    /** A setting named in a file or a system property is meant for zprof: a mistyped one still fails. */
    @Test
    void anUnknownSystemPropertyStillFails() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ConfigBinder.bind(ZprofProperties.merge(Map.of(), Map.of("zprof.home", "/opt"))));
        assertEquals("zprof.home", e.key());
    }

    /**
     * Issue 16 item 3: a shared file may configure a reporter this application does not have on its class path;
     * its keys cannot be checked, so they are not refused (the README says so), only listed in a warning.
     */
    @Test
    void keysOfAnAbsentProviderAreWarnedAboutNotRefused() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream previous = System.err;
        try {
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            Zprof.builder().properties(ConfigProperties.of(Map.of(
                    "zprof.reporter.nosuch.token", "CANARY-token", "zprof.collector.nosuch.root", "/x"))).build();
        } finally {
            System.setErr(previous);
        }
        String logged = log.toString(StandardCharsets.UTF_8);
        assertTrue(logged.contains("not on the class path") && logged.contains("zprof.collector.nosuch.root, "
                + "zprof.reporter.nosuch.token"), logged);
        assertFalse(logged.contains("CANARY"), logged);
    }
}
