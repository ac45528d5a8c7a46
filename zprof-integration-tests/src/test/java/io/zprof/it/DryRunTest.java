package io.zprof.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.EventType;
import io.zprof.api.model.ReportEvent;
import io.zprof.core.Zprof;
import io.zprof.core.status.ZprofStatus;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dry run through the engine: a rule that fires yields a DRY_RUN event with its reason, and no file is written. */
class DryRunTest {
    @TempDir
    Path tmp;

    @Test
    void aFiringRuleIsReportedAndNothingIsWritten() throws Exception {
        Path dumps = tmp.resolve("dumps");
        int abs = ManagementFactory.getThreadMXBean().getThreadCount() + 20;
        List<ReportEvent> events = new CopyOnWriteArrayList<>();
        try (Zprof zprof = Zprof.builder().properties(ConfigProperties.of(Map.of("zprof.dryrun", "true",
                        "zprof.dump.path", dumps.toString(), "zprof.dump.text", "true")))
                .configure(c -> c.collectInterval(Duration.ofMillis(200)).warmupCycles(2)
                        .threads(r -> r.enabled(true).min(1).abs(abs).diff(0).max(0).cooldown(Duration.ofMinutes(10))
                                .dumps(DumpKind.THREADS, DumpKind.HEAP)))
                .build()) {
            zprof.addListener(events::add);
            zprof.start();
            try (ParkedThreads leak = new ParkedThreads(30, "it-dryrun-parked-")) {
                Await.until(() -> !events.isEmpty(), 20, "a dry-run event");
            }
            ReportEvent e = events.get(0);
            assertEquals(EventType.DRY_RUN, e.type(), e.toString());
            assertEquals("threads", e.rule());
            assertTrue(e.reason().startsWith("fired: ") && e.reason().contains("> abs"), e.reason());
            assertTrue(e.value() > abs, "the value that would have fired: " + e.value());
            assertTrue(e.artifacts().isEmpty(), "nothing captured: " + e.artifacts());
            ZprofStatus status = zprof.status();
            assertTrue(status.dryRun());
            assertEquals(1, status.counters().get("dryRunEvents"), status.counters().toString());
            assertEquals(0, status.counters().get("events"), status.counters().toString());
            assertTrue(status.rules().stream().anyMatch(r -> r.rule().equals("threads") && r.firedCount() == 1));
        }
        if (Files.exists(dumps)) {
            try (Stream<Path> files = Files.walk(dumps)) {
                assertEquals(List.of(), files.filter(Files::isRegularFile).toList(), "no file written in dry run");
            }
        }
    }
}
