package io.zprof.core.status;

import io.zprof.api.model.ReportEvent;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything an operator needs to answer "why no dump?": providers and why each was or was not used, the last
 * reason of every rule, the latest metrics with their sources, counters, reporters and recent events.
 *
 * @param running      whether the engine is sampling
 * @param generation   configuration generation (1 at create, +1 per successful update)
 * @param dryRun       whether captures are suppressed
 * @param providers    every provider found
 * @param rules        every rule's last evaluation
 * @param metrics      latest metric values
 * @param counters     engine counters (cycles, events, capture failures, ...); {@code samplerCpuMicros} is the CPU
 *                     time the sampler thread has used since the last start (after stop, its total): the steady cost
 *                     of sampling. JFR's threads (pre-trigger window, continuous profiling) and captures run
 *                     elsewhere and are not in it. Absent before the first start and where the JVM does not measure
 *                     thread CPU time
 * @param reporters    delivery counters per reporter
 * @param dumpDirectory the dump directory's state: usable or not, its last error, partial files removed
 * @param recentEvents the last events, newest last
 * @param configFile   the watched properties file, or {@code null} when none is watched
 */
public record ZprofStatus(boolean running, long generation, boolean dryRun, List<ProviderStatus> providers,
                          List<RuleStatus> rules, List<MetricValue> metrics, Map<String, Long> counters,
                          List<ReporterStatus> reporters, DumpDirectoryStatus dumpDirectory,
                          List<ReportEvent> recentEvents, ConfigFileStatus configFile) {
    /** Defensive copies. */
    public ZprofStatus {
        providers = List.copyOf(providers);
        rules = List.copyOf(rules);
        metrics = List.copyOf(metrics);
        counters = Map.copyOf(counters);
        reporters = List.copyOf(reporters);
        recentEvents = List.copyOf(recentEvents);
    }

    /**
     * A status without a watched file.
     *
     * @param running       whether the engine is sampling
     * @param generation    configuration generation
     * @param dryRun        whether captures are suppressed
     * @param providers     every provider found
     * @param rules         every rule's last evaluation
     * @param metrics       latest metric values
     * @param counters      engine counters
     * @param reporters     delivery counters per reporter
     * @param dumpDirectory the dump directory's state
     * @param recentEvents  the last events, newest last
     */
    public ZprofStatus(boolean running, long generation, boolean dryRun, List<ProviderStatus> providers,
                       List<RuleStatus> rules, List<MetricValue> metrics, Map<String, Long> counters,
                       List<ReporterStatus> reporters, DumpDirectoryStatus dumpDirectory,
                       List<ReportEvent> recentEvents) {
        this(running, generation, dryRun, providers, rules, metrics, counters, reporters, dumpDirectory, recentEvents,
                null);
    }

    /**
     * @param file the watched file's state, or {@code null}
     * @return this status with it
     */
    public ZprofStatus withConfigFile(ConfigFileStatus file) {
        return new ZprofStatus(running, generation, dryRun, providers, rules, metrics, counters, reporters,
                dumpDirectory, recentEvents, file);
    }

    /** @return a multi-line human-readable report */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("zprof ").append(running ? "running" : "stopped").append(", generation ").append(generation)
                .append(dryRun ? ", DRY RUN" : "").append('\n');
        sb.append("providers:\n");
        for (ProviderStatus p : providers) {
            sb.append(String.format(Locale.ROOT, "  %-9s %-10s %-16s prio %5d  %s%s%n", p.type(), p.name(), p.state(),
                    p.priority(), p.selectedFor().isEmpty() ? "" : "for " + p.selectedFor() + " ", p.detail()));
        }
        sb.append("rules:\n");
        for (RuleStatus r : rules) {
            sb.append(String.format(Locale.ROOT, "  %-9s %-3s fired %d  %s%n", r.rule(), r.enabled() ? "on" : "off",
                    r.firedCount(), r.reason()));
        }
        sb.append("metrics:\n");
        for (MetricValue m : metrics) {
            sb.append(String.format(Locale.ROOT, "  %-32s %16.1f %-8s (%s)%n", m.metric(), m.value(), m.metric().unit(),
                    m.source()));
        }
        sb.append("counters: ").append(new java.util.TreeMap<>(counters)).append('\n');
        sb.append("dump directory: ").append(dumpDirectory.path()).append(dumpDirectory.usable() ? ", usable" : ", UNUSABLE")
                .append(dumpDirectory.partialFilesRemoved() > 0
                        ? ", " + dumpDirectory.partialFilesRemoved() + " partial file(s) of dead writers removed" : "")
                .append(dumpDirectory.lastError() == null ? "" : ", last error at " + dumpDirectory.lastErrorTime() + ": "
                        + dumpDirectory.lastError()).append('\n');
        if (configFile != null) {
            sb.append("config file: ").append(configFile.path()).append(", applied ").append(configFile.lastApplied())
                    .append(configFile.lastError() == null ? "" : ", last error at " + configFile.lastErrorTime() + ": "
                            + configFile.lastError()).append('\n');
        }
        if (!reporters.isEmpty()) {
            sb.append("reporters:\n");
            for (ReporterStatus r : reporters) {
                sb.append("  ").append(r).append('\n');
            }
        }
        return sb.toString();
    }
}
