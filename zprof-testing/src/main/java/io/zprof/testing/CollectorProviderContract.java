package io.zprof.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zprof.api.model.Metric;
import io.zprof.api.port.Collector;
import io.zprof.api.spi.Availability;
import io.zprof.api.spi.CollectorProvider;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link CollectorProvider}, as JUnit 5 tests: extend it in your test sources and supply the
 * provider and one bad setting. Besides what every provider owes ({@link ProviderContract}), a collector declares
 * the metrics it reports, and reports only those.
 *
 * <pre>{@code
 * class QueueDepthCollectorProviderTest extends CollectorProviderContract<QueueDepthCollectorProvider> {
 *     protected QueueDepthCollectorProvider provider() { return new QueueDepthCollectorProvider(); }
 *     protected Optional<Map.Entry<String, String>> badSetting() {
 *         return Optional.of(Map.entry("zprof.collector.queuedepth.queue", ""));
 *     }
 * }
 * }</pre>
 *
 * @param <P> the provider class under test
 */
public abstract class CollectorProviderContract<P extends CollectorProvider> extends ProviderContract<CollectorProvider, Collector> {
    /** For subclasses. */
    protected CollectorProviderContract() {
    }

    @Override
    protected abstract P provider();

    @Override
    protected final Class<CollectorProvider> serviceType() {
        return CollectorProvider.class;
    }

    @Override
    protected final String role() {
        return "collector";
    }

    /** metrics() names what the engine may select this collector for: at least one metric, always the same. */
    @Test
    public void declaresTheMetricsItReports() {
        Set<Metric> metrics = provider().metrics();
        assertNotNull(metrics, "metrics()");
        assertFalse(metrics.isEmpty(), "metrics() must name at least one metric");
        assertEquals(metrics, provider().metrics(), "metrics() must not change between instances");
    }

    /**
     * Where it is available, one collect() reports only declared metrics (the engine ignores the others). Skipped
     * where the provider says it is unavailable.
     */
    @Test
    public void collectsOnlyTheMetricsItDeclares() {
        TestProviderContext ctx = context(validSettings());
        Availability a = provider().availability(ctx);
        assumeTrue(a.available(), () -> "unavailable here: " + a.reason());
        Set<Metric> declared = provider().metrics();
        List<Metric> reported = new ArrayList<>();
        try (Collector c = provider().create(ctx)) {
            c.collect((metric, value, source) -> reported.add(metric));
        }
        Set<Metric> undeclared = new LinkedHashSet<>(reported);
        undeclared.removeAll(declared);
        assertEquals(Set.of(), undeclared, "reported but not in metrics() " + declared);
    }
}
