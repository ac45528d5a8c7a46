package io.zprof.analysis.heap;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a pair of heap dumps for the benchmark in docs/benchmarks.md: a heap of about {@code MiB} mebibytes of
 * small objects (maps of strings and boxed numbers, so the object count is that of a service, not of a few big
 * arrays), dumped, then grown by a tenth through {@link #SESSIONS} and dumped again. Run with an {@code -Xmx} of
 * twice the size: {@code java -Xmx2g -cp target/test-classes io.zprof.analysis.heap.LargeHeapPair DIR 1024}.
 */
public final class LargeHeapPair {
    /** The stable part: about nine tenths of the heap. */
    static final List<Map<String, Object>> CATALOG = new ArrayList<>();
    /** The growth between the dumps. */
    static final Map<Long, Object[]> SESSIONS = new HashMap<>();

    private LargeHeapPair() {
    }

    /**
     * @param args the directory for the two dumps, and the size in MiB
     * @throws Exception when a dump fails
     */
    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args[0]));
        long target = Long.parseLong(args[1]) * 1024 * 1024;
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        long i = 0;
        while (used() < target * 9 / 10) {
            for (int k = 0; k < 10_000; k++, i++) {
                Map<String, Object> row = new HashMap<>();
                row.put("id", i);
                row.put("name", "item-" + i);
                row.put("payload", new byte[64]);
                CATALOG.add(row);
            }
        }
        hotspot.dumpHeap(dir.resolve("heap_old.hprof").toString(), true);
        long session = 0;
        while (used() < target) {
            for (int k = 0; k < 1_000; k++, session++) {
                SESSIONS.put(session, new Object[] {"session-" + session, new byte[512], session});
            }
        }
        hotspot.dumpHeap(dir.resolve("heap_new.hprof").toString(), true);
    }

    private static long used() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
