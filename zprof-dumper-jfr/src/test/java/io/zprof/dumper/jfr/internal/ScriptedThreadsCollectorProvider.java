package io.zprof.dumper.jfr.internal;

import io.zprof.api.model.Metric;
import io.zprof.api.model.MetricSource;
import io.zprof.api.port.Collector;
import io.zprof.api.spi.CollectorProvider;
import io.zprof.api.spi.ProviderContext;
import java.util.Optional;
import java.util.Set;

/** Reports the JVM thread count a test sets, so a rule fires when the test says (the real count rises too slowly). */
final class ScriptedThreadsCollectorProvider implements CollectorProvider {
    volatile double threads = 10;

    @Override
    public String name() {
        return "scriptedthreads";
    }

    @Override
    public int priority() {
        return 1000;
    }

    @Override
    public Optional<Set<String>> settingKeys() {
        return Optional.of(Set.of());
    }

    @Override
    public Set<Metric> metrics() {
        return Set.of(Metric.JVM_THREADS);
    }

    @Override
    public Collector create(ProviderContext context) {
        return sink -> sink.accept(Metric.JVM_THREADS, threads, MetricSource.JVM);
    }
}
