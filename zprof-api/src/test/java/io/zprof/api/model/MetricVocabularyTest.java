package io.zprof.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The open vocabulary of metrics and dump kinds: built-ins keep their keys, third parties declare their own. */
class MetricVocabularyTest {

    @Test
    void builtInsKeepTheirKeysUnitsAndKinds() {
        assertEquals("cpupercent", Metric.CPU_PERCENT.key());
        assertEquals("%", Metric.CPU_PERCENT.unit());
        assertEquals(Metric.Kind.DERIVED, Metric.CPU_PERCENT.kind());
        assertEquals("cgroupmemoryworkingsetbytes", Metric.CGROUP_MEMORY_WORKING_SET_BYTES.key());
        assertEquals("CPU_PERCENT", Metric.CPU_PERCENT.toString());
        assertSame(Metric.RSS_BYTES, Metric.of("RssBytes ").orElseThrow());
        assertEquals("threadcreate", DumpKind.THREADCREATE.key());
        assertSame(DumpKind.PROFILE_CHUNK, DumpKind.fromKey("profile_chunk"));
        assertTrue(Metric.known().get(0).builtIn());
    }

    @Test
    void everyMetricHasADenseIndexMatchingItsPlaceInTheRegistry() {
        Metric declared = Metric.custom("vocabulary.dense", "items", Metric.Kind.GAUGE);
        List<Metric> known = Metric.known();
        Set<Integer> indexes = new HashSet<>();
        for (int i = 0; i < known.size(); i++) {
            assertEquals(i, known.get(i).index());
            indexes.add(known.get(i).index());
        }
        assertEquals(Metric.count(), indexes.size());
        assertTrue(declared.index() < Metric.count());
        assertFalse(declared.builtIn());
    }

    @Test
    void aDeclaredMetricIsFoundByItsKeyAndDeclaringItAgainGivesTheSameOne() {
        Metric active = Metric.custom("pool.active", "connections", Metric.Kind.GAUGE);
        assertSame(active, Metric.of("pool.active").orElseThrow());
        assertSame(active, Metric.custom("pool.active", "connections", Metric.Kind.GAUGE));
        assertEquals("pool.active", active.key());
        assertEquals("connections", active.unit());
    }

    @Test
    void aMalformedOrConflictingDeclarationFailsNamingTheKey() {
        for (String bad : List.of("", "Pool.Active", "pool..active", "pool-active", ".pool", "9pool", "pool.",
                "x".repeat(Metric.MAX_KEY_LENGTH + 1))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Metric.custom(bad, "n", Metric.Kind.GAUGE), bad);
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
        Metric.custom("vocabulary.conflict", "bytes", Metric.Kind.GAUGE);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Metric.custom("vocabulary.conflict", "items", Metric.Kind.GAUGE)).getMessage().contains("already"));
        assertThrows(IllegalArgumentException.class, () -> Metric.custom("rssbytes", "bytes", Metric.Kind.COUNTER));
        assertThrows(IllegalArgumentException.class, () -> Metric.custom("vocabulary.derived", "%", Metric.Kind.DERIVED));
        assertTrue(Metric.of("nosuchmetric").isEmpty());
    }

    @Test
    void aDeclaredDumpKindIsFoundByItsKey() {
        DumpKind state = DumpKind.custom("poolstate");
        assertSame(state, DumpKind.of("POOLSTATE").orElseThrow());
        assertSame(state, DumpKind.custom("poolstate"));
        assertTrue(DumpKind.known().contains(state));
        assertThrows(IllegalArgumentException.class, () -> DumpKind.custom("pool_state"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DumpKind.fromKey("nosuchkind")).getMessage()
                .contains("nosuchkind"));
    }
}
