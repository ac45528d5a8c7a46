package io.zprof.dumper.jfr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.DumpKind;
import io.zprof.testing.DumperProviderContract;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HotSpot dumper keeps the provider contract, captures heap and thread dumps, and is available on this JVM. */
class HotspotDumperProviderContractTest extends DumperProviderContract<HotspotDumperProvider> {
    @TempDir
    Path dir;

    @Override
    protected HotspotDumperProvider provider() {
        return new HotspotDumperProvider();
    }

    @Override
    protected ZprofConfig config() {
        return Fixtures.config(dir, d -> d);
    }

    @Override
    protected Optional<Map.Entry<String, String>> badSetting() {
        return Optional.empty();
    }

    @Test
    void capturesHeapAndThreadDumpsAndIsAvailableHere() {
        assertEquals(Set.of(DumpKind.HEAP, DumpKind.THREADS), provider().kinds());
        assertTrue(provider().availability(context(Map.of())).available(), provider().availability(context(Map.of())).reason());
    }
}
