package io.zprof.core.status;

import io.zprof.api.model.ArtifactRef;
import io.zprof.api.model.Quantities;
import io.zprof.api.model.ReportEvent;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link ZprofStatus#describe()}: the status as a person reads it. Every number carries its unit, every counter its
 * label; a rule that fired says why, which event it wrote and where the files are.
 */
final class StatusText {
    /** Labels of the engine's counters, in the order they are printed; a counter not named here prints its key. */
    private static final Map<String, String> COUNTER_LABELS = labels(
            "cycles", "sampling cycles",
            "events", "events written",
            "dryRunEvents", "dry-run events (nothing captured)",
            "captureFailures", "captures failed",
            "captureSkips", "dumps skipped (stopped, no dumper, heap dump busy)",
            "captureRejected", "captures rejected (capture queue full)",
            "collectErrors", "collector errors",
            "samplesRejected", "samples rejected (out of range)",
            "listenerErrors", "listener errors",
            "gcObserved", "GCs observed");

    private StatusText() {
    }

    static String describe(ZprofStatus s) {
        StringBuilder sb = new StringBuilder();
        sb.append("zprof ").append(s.running() ? "running" : "stopped").append(", configuration ").append(s.generation())
                .append(s.generation() <= 1 ? " (as created)" : " (" + (s.generation() - 1) + " update(s) applied)")
                .append(s.dryRun() ? ", DRY RUN: rules are evaluated, nothing is captured" : "").append('\n');
        dumpDirectory(sb, s.dumpDirectory());
        configFile(sb, s.configFile());
        sb.append("rules:\n");
        for (RuleStatus r : s.rules()) {
            rule(sb, r);
        }
        sb.append("metrics:\n");
        for (MetricValue m : s.metrics()) {
            sb.append(String.format(Locale.ROOT, "  %-32s %16s  from %s%n", m.metric().key(), m.display(),
                    m.origin() == null ? lower(m.source().name()) : lower(m.source().name()) + ": " + m.origin()));
        }
        sb.append("providers:\n");
        for (ProviderStatus p : s.providers()) {
            sb.append(String.format(Locale.ROOT, "  %-9s %-10s %-16s priority %5d  %s%s%n", p.type(), p.name(),
                    p.state(), p.priority(), p.selectedFor().isEmpty() ? "" : "for " + p.selectedFor() + " ",
                    p.detail()));
        }
        counters(sb, s.counters());
        if (!s.reporters().isEmpty()) {
            sb.append("reporters:\n");
            for (ReporterStatus r : s.reporters()) {
                reporter(sb, r);
            }
        }
        return sb.toString();
    }

    private static void configFile(StringBuilder sb, ConfigFileStatus f) {
        if (f != null) {
            sb.append("config file: ").append(f.path()).append(", applied ").append(f.lastApplied())
                    .append(f.lastError() == null ? "" : ", last error at " + f.lastErrorTime() + ": " + f.lastError())
                    .append('\n');
        }
    }

    private static void dumpDirectory(StringBuilder sb, DumpDirectoryStatus d) {
        sb.append("dump directory: ").append(d.path() == null ? "(not checked yet)" : d.path())
                .append(d.usable() ? ", usable" : ", UNUSABLE");
        if (d.freeBytes() >= 0) {
            sb.append(", ").append(Quantities.bytes(d.freeBytes())).append(" free");
        }
        if (d.partialFilesRemoved() > 0) {
            sb.append(", ").append(d.partialFilesRemoved()).append(" partial file(s) of dead writers removed (")
                    .append(Quantities.bytes(d.partialBytesRemoved())).append(')');
        }
        if (d.lastError() != null) {
            sb.append(", last error at ").append(d.lastErrorTime()).append(": ").append(d.lastError());
        }
        sb.append('\n');
    }

    private static void rule(StringBuilder sb, RuleStatus r) {
        sb.append(String.format(Locale.ROOT, "  %-9s %-3s %s%n", r.rule(), r.enabled() ? "on" : "off",
                r.firedCount() == 0 ? "never fired" : "fired " + r.firedCount() + " time(s), last at " + r.lastFired()));
        sb.append("      now: ").append(r.reason()).append('\n');
        ReportEvent e = r.lastEvent();
        if (e == null) {
            return;
        }
        sb.append("      last event ").append(e.eventId()).append(" at ").append(e.time()).append(": ")
                .append(e.reason()).append('\n');
        if (e.error() != null) {
            sb.append("      problems: ").append(e.error()).append('\n');
        }
        Path dir = directoryOf(e.artifacts());
        if (dir != null) {
            sb.append("      files in ").append(dir).append(":\n");
            for (ArtifactRef a : e.artifacts()) {
                sb.append("        ").append(a.name()).append(" (").append(Quantities.bytes(a.sizeBytes())).append(")\n");
            }
        }
    }

    private static void counters(StringBuilder sb, Map<String, Long> counters) {
        sb.append("counters:\n");
        Map<String, Long> rest = new TreeMap<>(counters);
        COUNTER_LABELS.forEach((key, label) -> {
            Long v = rest.remove(key);
            if (v != null) {
                sb.append(String.format(Locale.ROOT, "  %-52s %d%n", label, v));
            }
        });
        Long samplerMicros = rest.remove(ZprofStatus.SAMPLER_CPU_MICROS);
        if (samplerMicros != null) {
            sb.append(String.format(Locale.ROOT, "  %-52s %s%n", "sampler CPU time since start",
                    Quantities.duration(samplerMicros * 1000.0)));
        }
        rest.forEach((key, v) -> sb.append(String.format(Locale.ROOT, "  %-52s %d%n", key, v)));
    }

    private static void reporter(StringBuilder sb, ReporterStatus r) {
        sb.append("  ").append(r.name()).append(": spool ").append(lower(r.spoolState().name()))
                .append(r.spoolError() == null ? "" : " (" + r.spoolError() + ")").append('\n');
        sb.append(String.format(Locale.ROOT,
                "      delivered %d, skipped %d, waiting %d in memory + %d in the spool (%s)%n",
                r.delivered(), r.skipped(), r.queued(), r.spooled(), Quantities.bytes(r.spooledBytes())));
        sb.append(String.format(Locale.ROOT,
                "      offered %d, recovered from the spool %d, calls %d, retries %d, timeouts %d%n",
                r.enqueued(), r.recovered(), r.attempts(), r.retries(), r.timeouts()));
        sb.append(String.format(Locale.ROOT,
                "      lost: failed %d, dropped (queue full) %d, dropped at close %d; refused by the full spool %d%n",
                r.failedPermanent(), r.droppedQueueFull(), r.droppedOnClose(), r.refusedSpoolFull()));
        sb.append("      last success ").append(r.lastSuccess() == null ? "never" : r.lastSuccess().toString());
        if (r.lastError() != null) {
            sb.append(", last error at ").append(r.lastErrorTime()).append(": ").append(r.lastError());
        }
        sb.append('\n');
    }

    /** @return the directory holding an event's files (its bundle), or {@code null} when it wrote none */
    static Path directoryOf(List<ArtifactRef> artifacts) {
        for (ArtifactRef a : artifacts) {
            if (a.path() != null && a.path().getParent() != null) {
                return a.path().getParent();
            }
        }
        return null;
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static Map<String, String> labels(String... keyThenLabel) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyThenLabel.length; i += 2) {
            m.put(keyThenLabel[i], keyThenLabel[i + 1]);
        }
        return m;
    }
}
