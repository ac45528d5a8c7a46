package io.zprof.api.config;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reporting: which reporters, and how the engine queues, retries and spools for them.
 *
 * @param reporters     reporter names in order ({@code http}, {@code pyroscope}, a third party's); empty = none
 * @param queueSize     in-memory queue per reporter; when full the oldest event is dropped and counted
 * @param flushTimeout  how long {@code stop()} waits for queues to drain
 * @param callTimeout   longest one {@code report()} call may take before the worker gives up on it
 * @param retry         retry policy
 * @param spool         on-disk spool
 */
public record ReportConfig(List<String> reporters, int queueSize, Duration flushTimeout, Duration callTimeout,
                           RetryConfig retry, SpoolConfig spool) {
    /** Validates every component. */
    public ReportConfig {
        reporters = List.copyOf(SingleSettingChecks.required("zprof.reporters", reporters));
        Set<String> seen = new HashSet<>();
        for (String r : reporters) {
            if (!r.matches("[a-z][a-z0-9]*")) {
                throw new ConfigurationException("zprof.reporters", String.join(",", reporters),
                        "reporter name '" + r + "' must be one lowercase word");
            }
            if (!seen.add(r)) {
                throw new ConfigurationException("zprof.reporters", String.join(",", reporters), "'" + r + "' is listed twice");
            }
        }
        SingleSettingChecks.atLeast("zprof.report.queuesize", queueSize, 1);
        SingleSettingChecks.upTo("zprof.report.flushtimeout", flushTimeout, SingleSettingChecks.LONGEST_STEP);
        SingleSettingChecks.positive("zprof.report.calltimeout", callTimeout, SingleSettingChecks.LONGEST_STEP);
        SingleSettingChecks.required("zprof.report.retry", retry);
        SingleSettingChecks.required("zprof.report.spool", spool);
    }

    /** @return no reporters, queue 100, flush 5 s, call timeout 60 s, default retry and spool */
    public static ReportConfig defaults() {
        return new ReportConfig(List.of(), 100, Duration.ofSeconds(5), Duration.ofSeconds(60), RetryConfig.defaults(),
                SpoolConfig.defaults());
    }

    /** @param v reporter names @return a copy */
    public ReportConfig reporters(List<String> v) { return new ReportConfig(v, queueSize, flushTimeout, callTimeout, retry, spool); }
    /** @param v reporter names @return a copy */
    public ReportConfig reporters(String... v) { return reporters(List.of(v)); }
    /** @param v queue size @return a copy */
    public ReportConfig queueSize(int v) { return new ReportConfig(reporters, v, flushTimeout, callTimeout, retry, spool); }
    /** @param v flush timeout @return a copy */
    public ReportConfig flushTimeout(Duration v) { return new ReportConfig(reporters, queueSize, v, callTimeout, retry, spool); }
    /** @param v call timeout @return a copy */
    public ReportConfig callTimeout(Duration v) { return new ReportConfig(reporters, queueSize, flushTimeout, v, retry, spool); }
    /** @param v retry policy @return a copy */
    public ReportConfig retry(RetryConfig v) { return new ReportConfig(reporters, queueSize, flushTimeout, callTimeout, v, spool); }
    /** @param v spool @return a copy */
    public ReportConfig spool(SpoolConfig v) { return new ReportConfig(reporters, queueSize, flushTimeout, callTimeout, retry, v); }
}
