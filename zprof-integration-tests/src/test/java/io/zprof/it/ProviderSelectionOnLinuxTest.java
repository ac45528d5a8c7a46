package io.zprof.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.model.Metric;
import io.zprof.api.model.MetricSource;
import io.zprof.core.Zprof;
import io.zprof.core.status.MetricValue;
import io.zprof.core.status.ProviderState;
import io.zprof.core.status.ProviderStatus;
import io.zprof.core.status.ZprofStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With every collector on the class path, as a real deployment has them: on Linux the cgroup collector wins what it
 * supplies, OSHI stands by with the reason, the JDK fallback serves only what nobody else does, and every sampled
 * number names its source.
 */
class ProviderSelectionOnLinuxTest {
    @TempDir
    Path tmp;

    @Test
    void cgroupIsSelectedAndStatusExplainsTheOthers() throws Exception {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "Linux only: the cgroup collector is unavailable elsewhere");
        try (Zprof zprof = Zprof.builder().properties(ConfigProperties.of(Map.of("zprof.interval", "1h",
                "zprof.dump.path", tmp.resolve("d").toString()))).build()) {
            zprof.start();
            zprof.sampleNow();
            Thread.sleep(50);
            zprof.sampleNow();
            ZprofStatus s = zprof.status();
            ProviderStatus cgroup = collector(s, "cgroup");
            ProviderStatus oshi = collector(s, "oshi");
            ProviderStatus jvm = collector(s, "jvm");
            assertEquals(ProviderState.SELECTED, cgroup.state(), s.describe());
            assertTrue(cgroup.selectedFor().containsAll(List.of("rssbytes", "osthreads", "memorylimitbytes", "cpulimitcores")),
                    cgroup.toString());
            assertEquals(ProviderState.STANDBY, oshi.state(), s.describe());
            assertTrue(oshi.detail().contains("→cgroup (priority 100)"), oshi.detail());
            assertTrue(oshi.detail().contains("availability not checked"),
                    "OSHI on standby is never probed, so JNA and its native library stay unloaded: " + oshi.detail());
            assertEquals(ProviderState.SELECTED, jvm.state());
            assertTrue(jvm.selectedFor().contains("jvmthreads"), jvm.toString());
            assertTrue(jvm.detail().contains("rssbytes→cgroup"), "the fallback says who won instead: " + jvm.detail());
            MetricValue rss = s.metrics().stream().filter(m -> m.metric() == Metric.RSS_BYTES).findFirst().orElseThrow();
            assertEquals(MetricSource.PROCFS, rss.source());
            assertTrue(s.metrics().stream().anyMatch(m -> m.metric() == Metric.CPU_PERCENT), s.describe());
        }
    }

    private static ProviderStatus collector(ZprofStatus s, String name) {
        return s.providers().stream().filter(p -> p.type().equals("collector") && p.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no collector " + name + " in " + s.providers()));
    }
}
