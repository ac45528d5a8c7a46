package io.zprof.examples.customreporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ConfigProperties;
import io.zprof.core.Zprof;
import io.zprof.core.status.ProviderState;
import io.zprof.core.status.ProviderStatus;
import io.zprof.core.status.ReporterStatus;
import io.zprof.testing.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The extension story end to end: this module's jar holds one provider class and one services line; the engine,
 * unchanged, discovers it, configures it from scoped properties, and delivers triggered events to it. The test drives
 * the cycles ({@code manualSampling()}) and the time ({@link ManualClock}) itself: no sleeps, no polling.
 */
class ThirdPartyReporterTest {
    @TempDir
    Path tmp;

    @Test
    void engineDiscoversConfiguresAndDeliversToTheThirdPartyReporter() throws Exception {
        Path log = tmp.resolve("events.log");
        Map<String, String> props = Map.of(
                "zprof.warmup", "0",
                // any JVM has more than 2 live threads: the rule fires on every sample it is not cooling down
                "zprof.threads.enabled", "true", "zprof.threads.min", "1", "zprof.threads.abs", "2",
                "zprof.threads.cooldown", "10m",
                "zprof.dump.path", tmp.resolve("dumps").toString(),
                "zprof.reporters", "eventlog",
                "zprof.reporter.eventlog.path", log.toString());
        ManualClock clock = new ManualClock();
        try (Zprof zprof = Zprof.builder().properties(ConfigProperties.of(props)).clock(clock).manualSampling().build()) {
            zprof.start();
            assertTrue(zprof.sampleNow());
            // within the cooldown: no second event
            clock.advance(Duration.ofMinutes(9));
            assertTrue(zprof.sampleNow());
            // past it: the rule fires again
            clock.advance(Duration.ofMinutes(2));
            assertTrue(zprof.sampleNow());
            awaitHandedToTheReporter(zprof, 2);
            List<ProviderStatus> providers = zprof.status().providers();
            assertTrue(providers.stream().anyMatch(p -> p.type().equals("reporter") && p.name().equals("eventlog")
                    && p.state() == ProviderState.SELECTED), "eventlog reporter selected: " + providers);
        }
        // stop() (close) flushed the reporter's queue: both events are in the file now
        String text = Files.readString(log);
        assertEquals(2, text.lines().filter(l -> l.contains("TRIGGER rule=threads")).count(), text);
        assertTrue(text.contains("reason=\"fired: "), text);
    }

    /**
     * An event reaches the reporter once its capture (a thread dump) is written, on a capture thread; stop() waits
     * for captures only briefly, so on a busy machine the test waits for them before it closes.
     */
    private static void awaitHandedToTheReporter(Zprof zprof, long events) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (zprof.status().reporters().stream().mapToLong(ReporterStatus::enqueued).sum() < events) {
            assertTrue(System.nanoTime() < deadline, () -> events + " events handed to the reporter within 30 s:\n"
                    + zprof.status().describe());
            Thread.sleep(10);
        }
    }
}
