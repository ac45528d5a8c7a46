package io.zprof.examples.customreporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ConfigProperties;
import io.zprof.core.Zprof;
import io.zprof.core.status.ProviderState;
import io.zprof.core.status.ProviderStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The extension story end to end: this module's jar holds one provider class and one services line; the engine,
 * unchanged, discovers it, configures it from scoped properties, and delivers a triggered event to it.
 */
class ThirdPartyReporterTest {
    @TempDir
    Path tmp;

    @Test
    void engineDiscoversConfiguresAndDeliversToTheThirdPartyReporter() throws Exception {
        Path log = tmp.resolve("events.log");
        Map<String, String> props = Map.of(
                "zprof.interval", "50ms",
                "zprof.warmup", "0",
                // any JVM has more than 2 live threads: the rule fires on its first sample
                "zprof.threads.enabled", "true", "zprof.threads.min", "1", "zprof.threads.abs", "2",
                "zprof.threads.cooldown", "1h",
                "zprof.dump.path", tmp.resolve("dumps").toString(),
                "zprof.reporters", "eventlog",
                "zprof.reporter.eventlog.path", log.toString());
        try (Zprof zprof = Zprof.builder().properties(ConfigProperties.of(props)).build()) {
            zprof.start();
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!(Files.exists(log) && Files.readString(log).contains("rule=threads")) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            List<ProviderStatus> providers = zprof.status().providers();
            assertTrue(providers.stream().anyMatch(p -> p.type().equals("reporter") && p.name().equals("eventlog")
                    && p.state() == ProviderState.SELECTED), "eventlog reporter selected: " + providers);
        }
        String text = Files.readString(log);
        assertTrue(text.contains("TRIGGER rule=threads"), text);
        assertTrue(text.contains("reason=\"fired: "), text);
        assertEquals(1, text.lines().filter(l -> l.contains("rule=threads")).count(), "cooldown keeps it to one event: " + text);
    }
}
