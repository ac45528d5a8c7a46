package io.zprof.collector.oshi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.model.Metric;
import io.zprof.api.spi.Availability;
import io.zprof.api.spi.ComponentProvider;
import io.zprof.api.spi.ProviderContext;
import io.zprof.testing.TestProviderContext;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OshiCollectorProviderTest {
    private final OshiCollectorProvider provider = new OshiCollectorProvider();

    @Test
    void ranksBetweenThePlatformCollectorAndTheJdkFallback() {
        assertEquals("oshi", provider.name());
        assertEquals(ComponentProvider.PRIORITY_PORTABLE, provider.priority());
        assertTrue(provider.priority() < ComponentProvider.PRIORITY_PLATFORM);
        assertTrue(provider.priority() > ComponentProvider.PRIORITY_FALLBACK);
    }

    @Test
    void declaresTheProcessMetricsAndTheMachineTotals() {
        assertEquals(Set.of(Metric.RSS_BYTES, Metric.OS_THREADS, Metric.MEMORY_LIMIT_BYTES, Metric.PROCESS_CPU_NANOS,
                Metric.CPU_LIMIT_CORES), provider.metrics());
    }

    @Test
    void availableWhereOshiAndJnaLoad() {
        assertEquals(Availability.ok(), provider.availability(TestProviderContext.of(Map.of()).forbiddingThreads()));
    }

    /** The provider loaded without OSHI and JNA on the class path, as in an application that left them out. */
    @Test
    void unavailableWithAReasonWhenOshiIsMissing() throws Exception {
        URL[] withoutOshi = {location(OshiCollectorProvider.class), location(ProviderContext.class)};
        try (URLClassLoader loader = new URLClassLoader(withoutOshi, ClassLoader.getPlatformClassLoader())) {
            Class<?> type = loader.loadClass(OshiCollectorProvider.class.getName());
            Object isolated = type.getConstructor().newInstance();
            Class<?> contextType = loader.loadClass(ProviderContext.class.getName());
            Method availability = type.getMethod("availability", contextType);
            Object result = availability.invoke(isolated, new Object[] {null});
            assertFalse((Boolean) result.getClass().getMethod("available").invoke(result));
            String reason = (String) result.getClass().getMethod("reason").invoke(result);
            assertTrue(reason.startsWith("OSHI/JNA cannot load: java.lang.NoClassDefFoundError: oshi/"), reason);
        }
    }

    private static URL location(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }
}
