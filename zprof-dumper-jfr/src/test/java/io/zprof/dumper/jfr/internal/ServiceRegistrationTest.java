package io.zprof.dumper.jfr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.DumpKind;
import io.zprof.api.spi.DumperProvider;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceRegistrationTest {
    @TempDir
    Path dir;

    @Test
    void serviceLoaderFindsExactlyTheJfrAndHotspotProviders() {
        Map<String, DumperProvider> byName = new TreeMap<>();
        for (DumperProvider p : ServiceLoader.load(DumperProvider.class)) {
            byName.put(p.name(), p);
        }
        assertEquals(List.of("hotspot", "jfr"), List.copyOf(byName.keySet()));
        assertEquals(JfrDumperProvider.class, byName.get("jfr").getClass());
        assertEquals(HotspotDumperProvider.class, byName.get("hotspot").getClass());
        for (DumperProvider p : byName.values()) {
            assertTrue(Modifier.isPublic(p.getClass().getModifiers()) && Modifier.isFinal(p.getClass().getModifiers()),
                    p.getClass() + " must be public final");
        }
    }

    @Test
    void theTwoProvidersCoverEveryKindOnceAndAreAvailableHere() throws Exception {
        DumperProvider jfr = new JfrDumperProvider();
        DumperProvider hotspot = new HotspotDumperProvider();
        assertEquals(Set.of(DumpKind.CPU, DumpKind.ALLOC, DumpKind.LOCK, DumpKind.THREADCREATE, DumpKind.WINDOW,
                DumpKind.PROFILE_CHUNK), Set.copyOf(jfr.kinds()));
        assertEquals(Set.of(DumpKind.HEAP, DumpKind.THREADS), hotspot.kinds());
        var ctx = Fixtures.context(ZprofConfig.defaults());
        assertTrue(jfr.availability(ctx).available(), jfr.availability(ctx).reason());
        assertTrue(hotspot.availability(ctx).available(), hotspot.availability(ctx).reason());
        try (var d = jfr.create(Fixtures.context(Fixtures.config(dir, b -> b)))) {
            assertEquals(JfrDumper.class, d.getClass());
        }
        try (var d = hotspot.create(Fixtures.context(Fixtures.config(dir, b -> b)))) {
            assertEquals(HotspotDumper.class, d.getClass());
        }
    }
}
