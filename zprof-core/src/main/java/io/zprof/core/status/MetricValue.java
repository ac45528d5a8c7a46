package io.zprof.core.status;

import io.zprof.api.model.Metric;
import io.zprof.api.model.MetricSource;

/**
 * The latest value of one metric and where it came from.
 *
 * @param metric the metric
 * @param value  its value in {@link Metric#unit()}
 * @param source which provider kind gave it (cgroup v2, v1, host, JVM approximation, ...)
 */
public record MetricValue(Metric metric, double value, MetricSource source) {
}
