package io.zprof.dumper.jfr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.DumpKind;
import io.zprof.testing.DumperProviderContract;
import java.nio.file.Path;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JFR dumper keeps the provider contract, captures the JFR kinds, and is available on this JVM. */
class JfrDumperProviderContractTest extends DumperProviderContract<JfrDumperProvider> {
    @TempDir
    Path dir;

    @Override
    protected JfrDumperProvider provider() {
        return new JfrDumperProvider();
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
    void capturesTheJfrKindsAndIsAvailableHere() {
        assertEquals(Set.of(DumpKind.CPU, DumpKind.ALLOC, DumpKind.LOCK, DumpKind.THREADCREATE, DumpKind.WINDOW,
                DumpKind.PROFILE_CHUNK), Set.copyOf(provider().kinds()));
        assertTrue(provider().availability(context(Map.of())).available(), provider().availability(context(Map.of())).reason());
    }
}
