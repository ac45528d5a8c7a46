package io.zprof.core.internal.engine;

import io.zprof.api.model.Metric;
import io.zprof.api.model.MetricSource;
import io.zprof.api.port.Collector;
import io.zprof.api.port.SampleSink;
import java.util.Set;

/**
 * A collector together with the metrics it was selected for: values it reports for other metrics (where a
 * higher-priority provider won) are ignored, so each metric has exactly one source.
 */
final class CollectorBinding implements SampleSink {
    final String providerName;
    final Collector collector;
    private final boolean[] mask;
    private MetricTable target;

    CollectorBinding(String providerName, Collector collector, Set<Metric> selectedFor) {
        this.providerName = providerName;
        this.collector = collector;
        int n = 0;
        for (Metric m : selectedFor) {
            n = Math.max(n, m.index() + 1);
        }
        mask = new boolean[n];
        for (Metric m : selectedFor) {
            mask[m.index()] = true;
        }
    }

    void collectInto(MetricTable table) {
        target = table;
        collector.collect(this);
    }

    @Override
    public boolean wants(Metric metric) {
        return metric.index() < mask.length && mask[metric.index()];
    }

    @Override
    public void accept(Metric metric, double value, MetricSource source) {
        if (wants(metric) && metric.kind() != Metric.Kind.DERIVED) {
            target.put(metric, value, source);
        }
    }
}
