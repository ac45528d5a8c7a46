package io.zprof.collector.oshi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zprof.api.spi.CollectorProvider;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ServiceRegistrationTest {
    @Test
    void serviceLoaderFindsExactlyTheOshiProvider() {
        List<Class<?>> ours = ServiceLoader.load(CollectorProvider.class).stream()
                .map(ServiceLoader.Provider::type)
                .filter(t -> t.getPackageName().startsWith("io.zprof.collector.oshi"))
                .collect(Collectors.toList());
        assertEquals(List.of(OshiCollectorProvider.class), ours);
        CollectorProvider loaded = ServiceLoader.load(CollectorProvider.class).stream()
                .filter(p -> p.type() == OshiCollectorProvider.class).findFirst().orElseThrow().get();
        assertEquals("oshi", loaded.name());
    }
}
