package io.zprof.core.internal.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zprof.api.spi.CollectorProvider;
import io.zprof.api.spi.ComponentProvider;
import io.zprof.api.spi.DumperProvider;
import io.zprof.api.spi.ReporterProvider;
import io.zprof.api.spi.ShrinkerProvider;
import io.zprof.core.internal.discovery.LoadedProviders;
import io.zprof.core.internal.discovery.ServiceProviderLoader;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The production path: core's own services file registers its JVM fallback collector, and nothing else. */
class ServiceRegistrationTest {
    @Test
    void serviceLoaderFindsExactlyTheJvmCollector() {
        List<CollectorProvider> found = ServiceLoader.load(CollectorProvider.class).stream().map(ServiceLoader.Provider::get).toList();
        assertEquals(1, found.size(), found.toString());
        CollectorProvider p = found.get(0);
        assertEquals(JvmCollectorProvider.class, p.getClass());
        assertEquals("jvm", p.name());
        assertEquals(ComponentProvider.PRIORITY_FALLBACK, p.priority());
    }

    @Test
    void engineLoaderFindsTheSameOnTheTestClassPath() {
        LoadedProviders<CollectorProvider> found = new ServiceProviderLoader(getClass().getClassLoader())
                .load(CollectorProvider.class, "collector");
        assertEquals(List.of(JvmCollectorProvider.class), found.loaded().stream().map(Object::getClass).toList());
        assertEquals(List.of(), found.failures());
    }

    @Test
    void coreRegistersTheJdkShrinkerAndNoDumperOrReporter() {
        ServiceProviderLoader loader = new ServiceProviderLoader(getClass().getClassLoader());
        assertEquals(List.of(), loader.load(DumperProvider.class, "dumper").loaded());
        assertEquals(List.of(), loader.load(ReporterProvider.class, "reporter").loaded());
        List<ShrinkerProvider> shrinkers = loader.load(ShrinkerProvider.class, "shrinker").loaded();
        assertEquals(List.of(JdkShrinkerProvider.class), shrinkers.stream().map(Object::getClass).toList());
        assertEquals("jdk", shrinkers.get(0).name());
        assertEquals(ComponentProvider.PRIORITY_FALLBACK, shrinkers.get(0).priority());
    }
}
