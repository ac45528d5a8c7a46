package io.zprof.analysis.heap;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A JVM whose heap grows between two heap dumps in a known place: {@link #HELD}, a static map filled with 40 blocks
 * of 256 KiB (10 MiB) after the first dump. Some short-lived garbage and an unrelated, stable list make the heap
 * less trivial. Arguments: the older and the newer dump's paths.
 */
public final class GrowingCacheChild {
    /** Blocks added between the dumps. */
    static final int BLOCKS = 40;
    /** Size of each block. */
    static final int BLOCK_BYTES = 256 * 1024;
    /** The holder of the growth. */
    static final Map<Integer, byte[]> HELD = new HashMap<>();
    /** Present in both dumps, so it is not growth. */
    static final List<byte[]> STABLE = new ArrayList<>();

    private GrowingCacheChild() {
    }

    /**
     * @param args the older and the newer dump's paths
     * @throws Exception when a dump fails
     */
    public static void main(String[] args) throws Exception {
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        for (int i = 0; i < 20; i++) {
            STABLE.add(new byte[64 * 1024]);
        }
        hotspot.dumpHeap(Path.of(args[0]).toString(), true);
        for (int i = 0; i < BLOCKS; i++) {
            HELD.put(i, new byte[BLOCK_BYTES]);
        }
        hotspot.dumpHeap(Path.of(args[1]).toString(), true);
    }
}
