package io.zprof.collector.cgroup.internal;

import io.zprof.api.model.Metric;
import io.zprof.api.model.MetricSource;
import io.zprof.api.port.SampleSink;
import java.util.LinkedHashMap;
import java.util.Map;

/** Keeps what one collect reported, and checks that no metric is reported twice in a cycle. */
final class RecordingSink implements SampleSink {
    /** One reported number. */
    record Sample(double value, MetricSource source) {
    }

    private final Map<Metric, Sample> samples = new LinkedHashMap<>();

    @Override
    public void accept(Metric metric, double value, MetricSource source) {
        if (metric.kind() == Metric.Kind.DERIVED) {
            throw new AssertionError("collector reported derived metric " + metric);
        }
        if (samples.put(metric, new Sample(value, source)) != null) {
            throw new AssertionError(metric + " reported twice in one cycle");
        }
    }

    /**
     * @param collector the collector to run once
     * @return a fresh sink holding that cycle's samples
     */
    static RecordingSink collect(io.zprof.api.port.Collector collector) {
        RecordingSink sink = new RecordingSink();
        collector.collect(sink);
        return sink;
    }

    Sample get(Metric metric) {
        Sample s = samples.get(metric);
        if (s == null) {
            throw new AssertionError(metric + " was not reported; got " + samples);
        }
        return s;
    }

    double value(Metric metric) {
        return get(metric).value();
    }

    MetricSource source(Metric metric) {
        return get(metric).source();
    }

    boolean has(Metric metric) {
        return samples.containsKey(metric);
    }

    @Override
    public String toString() {
        return samples.toString();
    }
}
