package io.zprof.core.status;

import io.zprof.api.model.ReportEvent;
import java.util.List;
import java.util.Map;

/**
 * Everything an operator needs to answer "why no dump?": providers and why each was or was not used, the last
 * reason of every rule, the latest metrics with their sources, counters, reporters and recent events.
 *
 * @param running      whether the engine is sampling
 * @param generation   configuration number: 1 at create, +1 per successful update
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

    /** The counter holding the sampler thread's CPU time in microseconds (see {@link #counters()}). */
    public static final String SAMPLER_CPU_MICROS = "samplerCpuMicros";

    /**
     * @return the status for a person: every number with its unit (sizes in KiB/MiB/GiB, cores with two decimals),
     *         for each rule that fired its last reason, event, time and files, the dump directory with its free
     *         space, where each limit came from, labelled counters and reporter fields
     */
    public String describe() {
        return StatusText.describe(this);
    }

    /** @return the same status as {@link #describe()} as a JSON document, for machines */
    public String toJson() {
        return StatusJson.toJson(this);
    }
}
