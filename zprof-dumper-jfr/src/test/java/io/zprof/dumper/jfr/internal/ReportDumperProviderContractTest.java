package io.zprof.dumper.jfr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.DumpKind;
import io.zprof.api.port.Dumper;
import io.zprof.testing.DumperProviderContract;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report dumper keeps the provider contract, writes only reports, and skips an event without files. */
class ReportDumperProviderContractTest extends DumperProviderContract<ReportDumperProvider> {
    @TempDir
    Path dir;

    @Override
    protected ReportDumperProvider provider() {
        return new ReportDumperProvider();
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
    void writesReportsOnly() throws Exception {
        assertEquals(Set.of(DumpKind.REPORT), provider().kinds());
        TempDirOutput out = new TempDirOutput(dir);
        try (Dumper d = provider().create(context(Map.of()))) {
            assertTrue(d.dump(Fixtures.request(DumpKind.REPORT, null, true, false, List.of(), out)).skipped(),
                    "nothing to report on");
            assertThrows(IllegalArgumentException.class, () -> d.dump(Fixtures.request(DumpKind.CPU, null, out)));
        }
        assertEquals(List.of(), out.written());
    }
}
