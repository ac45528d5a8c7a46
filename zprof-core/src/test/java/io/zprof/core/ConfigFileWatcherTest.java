package io.zprof.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ConfigurationException;
import io.zprof.core.fixtures.Poll;
import io.zprof.core.status.ConfigFileStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ConfigFileWatcher}: valid edits applied, invalid ones refused, a deleted file keeps the last good settings. */
class ConfigFileWatcherTest {
    @TempDir
    Path tmp;

    private Path file() {
        return tmp.resolve("zprof.properties");
    }

    private void write(String cpuAbs) throws Exception {
        Files.writeString(file(), "zprof.cpu.enabled=true\nzprof.cpu.abs=" + cpuAbs + "\n");
    }

    private Zprof zprof(Map<String, String> overlay) {
        Map<String, String> props = new TreeMap<>(ZprofProperties.readFile(file()));
        props.put("zprof.dump.path", tmp.resolve("dumps").toString());
        props.putAll(overlay);
        return Zprof.builder().properties(ConfigProperties.of(props)).manualSampling().build();
    }

    private static double cpuAbs(Zprof zprof) {
        return zprof.config().cpu().abs();
    }

    @Test
    void aValidEditIsAppliedAndAnInvalidOneChangesNothing() throws Exception {
        write("50");
        Map<String, String> overlay = Map.of("zprof.dump.path", tmp.resolve("dumps").toString());
        try (Zprof zprof = zprof(overlay);
             ConfigFileWatcher watcher = ConfigFileWatcher.create(zprof, file(), overlay, Clock.systemUTC(), false)) {
            zprof.start();
            assertEquals(1, zprof.status().generation(), "the content it was created from is not applied again");
            assertEquals(file().toAbsolutePath(), zprof.status().configFile().path());

            write("70");
            watcher.check();
            assertEquals(70, cpuAbs(zprof));
            assertEquals(2, zprof.status().generation());
            assertNull(zprof.status().configFile().lastError());

            write("banana");
            watcher.check();
            watcher.check();
            assertEquals(70, cpuAbs(zprof), "the running configuration is untouched");
            assertEquals(2, zprof.status().generation());
            ConfigFileStatus refused = zprof.status().configFile();
            assertTrue(refused.lastError().contains("zprof.cpu.abs=banana"), refused.lastError());
            assertTrue(zprof.status().describe().contains("config file: " + file().toAbsolutePath()),
                    zprof.status().describe());

            write("80");
            watcher.check();
            assertEquals(80, cpuAbs(zprof), "a later valid edit applies");
            assertNull(zprof.status().configFile().lastError());
        }
    }

    @Test
    void aDeletedFileKeepsTheLastGoodConfigurationAndSaysSo() throws Exception {
        write("50");
        try (Zprof zprof = zprof(Map.of());
             ConfigFileWatcher watcher = ConfigFileWatcher.create(zprof, file(), Map.of(), Clock.systemUTC(), false)) {
            write("60");
            watcher.check();
            Files.delete(file());
            watcher.check();
            assertEquals(60, cpuAbs(zprof));
            assertTrue(zprof.status().configFile().lastError().startsWith("missing; keeping the configuration applied"),
                    zprof.status().configFile().lastError());

            write("60");
            watcher.check();
            assertNull(zprof.status().configFile().lastError(), "back, and in force again");
        }
    }

    @Test
    void theOverlayWinsOverTheFileAndCanChange() throws Exception {
        write("50");
        try (Zprof zprof = zprof(Map.of("zprof.cpu.abs", "90"));
             ConfigFileWatcher watcher = ConfigFileWatcher.create(zprof, file(), Map.of("zprof.cpu.abs", "90"),
                     Clock.systemUTC(), false)) {
            write("70");
            watcher.check();
            assertEquals(90, cpuAbs(zprof), "the overlay (environment, system properties, agent) wins");

            watcher.overlay(Map.of());
            assertEquals(70, cpuAbs(zprof), "without it, the file's value");
            assertThrows(ConfigurationException.class, () -> watcher.overlay(Map.of("zprof.cpu.abs", "x")));
            assertEquals(70, cpuAbs(zprof));
        }
    }

    @Test
    void theWatchingThreadAppliesAChangeAndStopsOnClose() throws Exception {
        write("50");
        Map<String, String> overlay = Map.of("zprof.interval", "50ms");
        try (Zprof zprof = zprof(overlay)) {
            ConfigFileWatcher watcher = ConfigFileWatcher.start(zprof, file(), overlay);
            assertTrue(threadAlive(), "zprof-config-watch runs");
            write("75");
            Poll.until("the edit applied", () -> cpuAbs(zprof) == 75);
            watcher.close();
            // the pool has terminated when close() returns; its worker thread may take a moment more to end
            Poll.until("no watching thread after close", () -> !threadAlive());
            assertNull(zprof.status().configFile());
        }
    }

    private static boolean threadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().startsWith("zprof-config-watch") && t.isAlive());
    }
}
