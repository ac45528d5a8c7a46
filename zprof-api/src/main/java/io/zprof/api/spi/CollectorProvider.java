package io.zprof.api.spi;

import io.zprof.api.model.Metric;
import io.zprof.api.port.Collector;
import java.util.Set;

/** Provides a {@link Collector}; the engine picks, per metric, the highest-priority available provider. */
public interface CollectorProvider extends ComponentProvider<Collector> {
    /** @return the metrics its collector reports (never derived ones) */
    Set<Metric> metrics();
}
