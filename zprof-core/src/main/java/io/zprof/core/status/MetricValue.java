package io.zprof.core.status;

import io.zprof.api.model.Metric;
import io.zprof.api.model.MetricSource;
import io.zprof.api.model.Quantities;

/**
 * The latest value of one metric and where it came from.
 *
 * @param metric the metric
 * @param value  its value in {@link Metric#unit()}
 * @param source which provider kind gave it (cgroup v2, v1, host, JVM approximation, ...)
 * @param origin the file and level it was read from when its collector says ({@code "memory.max of parent cgroup
 *               /sys/fs/cgroup/pod"}), else {@code null}
 */
public record MetricValue(Metric metric, double value, MetricSource source, String origin) {
    /**
     * A value whose collector does not describe its origin.
     *
     * @param metric the metric
     * @param value  its value in {@link Metric#unit()}
     * @param source which provider kind gave it
     */
    public MetricValue(Metric metric, double value, MetricSource source) {
        this(metric, value, source, null);
    }

    /** @return the value with its unit, for a person ({@code 1.50 GiB}, {@code 0.75 cores}, {@code 42.5 %}) */
    public String display() {
        return Quantities.of(metric, value);
    }
}
