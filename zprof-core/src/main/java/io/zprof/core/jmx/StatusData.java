package io.zprof.core.jmx;

import io.zprof.api.model.ReportEvent;
import io.zprof.core.status.ConfigFileStatus;
import io.zprof.core.status.MetricValue;
import io.zprof.core.status.RuleStatus;
import io.zprof.core.status.ZprofStatus;
import java.util.List;
import java.util.Map;

/**
 * {@link ZprofStatus} in the shape JMX maps to open data ({@code CompositeData}): getters of simple types, lists of
 * the same. Times are ISO-8601 text.
 */
public final class StatusData {
    private final ZprofStatus status;

    StatusData(ZprofStatus status) {
        this.status = status;
    }

    /** @return whether the engine samples */
    public boolean isRunning() { return status.running(); }
    /** @return the configuration generation */
    public long getGeneration() { return status.generation(); }
    /** @return whether captures are suppressed */
    public boolean isDryRun() { return status.dryRun(); }
    /** @return the engine's counters */
    public Map<String, Long> getCounters() { return status.counters(); }
    /** @return every rule's last evaluation */
    public List<Rule> getRules() { return status.rules().stream().map(Rule::new).toList(); }
    /** @return the latest metric values */
    public List<Metric> getMetrics() { return status.metrics().stream().map(Metric::new).toList(); }
    /** @return the dump directory, or empty before the first check */
    public String getDumpDirectory() { return text(status.dumpDirectory().path()); }
    /** @return the dump directory's last error, or empty */
    public String getDumpDirectoryError() { return text(status.dumpDirectory().lastError()); }
    /** @return the watched properties file, or empty */
    public String getConfigFile() { return text(file() == null ? null : file().path()); }
    /** @return when the watched file was last applied, or empty */
    public String getConfigFileApplied() { return text(file() == null ? null : file().lastApplied()); }
    /** @return the watched file's last error, or empty */
    public String getConfigFileError() { return text(file() == null ? null : file().lastError()); }
    /** @return the last events, newest last: {@code <time> <id> <rule> <artifacts>[ error: ...]} */
    public List<String> getRecentEvents() { return status.recentEvents().stream().map(StatusData::describe).toList(); }

    private ConfigFileStatus file() {
        return status.configFile();
    }

    private static String text(Object o) {
        return o == null ? "" : o.toString();
    }

    /**
     * @param e an event
     * @return one line: time, id, rule, files, and the error when there is one
     */
    static String describe(ReportEvent e) {
        return e.time() + " " + e.eventId() + " " + e.rule() + " "
                + e.artifacts().stream().map(a -> a.path().toString()).toList()
                + (e.error() == null ? "" : " error: " + e.error());
    }

    /** A rule's last evaluation. */
    public static final class Rule {
        private final RuleStatus rule;

        Rule(RuleStatus rule) {
            this.rule = rule;
        }

        /** @return the rule's name */
        public String getName() { return rule.rule(); }
        /** @return whether it is enabled */
        public boolean isEnabled() { return rule.enabled(); }
        /** @return how often it fired */
        public long getFiredCount() { return rule.firedCount(); }
        /** @return its last value */
        public double getValue() { return rule.value(); }
        /** @return why it did or did not fire last */
        public String getReason() { return text(rule.reason()); }
    }

    /** A metric's latest value. */
    public static final class Metric {
        private final MetricValue metric;

        Metric(MetricValue metric) {
            this.metric = metric;
        }

        /** @return the metric's key */
        public String getName() { return metric.metric().key(); }
        /** @return its value */
        public double getValue() { return metric.value(); }
        /** @return its unit */
        public String getUnit() { return text(metric.metric().unit()); }
        /** @return where it came from */
        public String getSource() { return text(metric.source()); }
    }
}
