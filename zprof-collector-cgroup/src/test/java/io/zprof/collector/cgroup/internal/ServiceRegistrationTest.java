package io.zprof.collector.cgroup.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zprof.api.spi.CollectorProvider;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ServiceRegistrationTest {
    @Test
    void serviceLoaderFindsExactlyTheCgroupProvider() {
        List<Class<?>> ours = ServiceLoader.load(CollectorProvider.class).stream()
                .map(ServiceLoader.Provider::type)
                .filter(t -> t.getPackageName().startsWith("io.zprof.collector.cgroup"))
                .collect(Collectors.toList());
        assertEquals(List.of(CgroupCollectorProvider.class), ours);
        CollectorProvider loaded = ServiceLoader.load(CollectorProvider.class).stream()
                .filter(p -> p.type() == CgroupCollectorProvider.class).findFirst().orElseThrow().get();
        assertEquals("cgroup", loaded.name());
    }
}
