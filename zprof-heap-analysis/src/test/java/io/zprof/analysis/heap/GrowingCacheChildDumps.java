package io.zprof.analysis.heap;

import io.zprof.testsupport.ChildJvm;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The pair of heap dumps of {@link GrowingCacheChild}, for tests outside this package. */
public final class GrowingCacheChildDumps {
    private GrowingCacheChildDumps() {
    }

    /**
     * @param dir where to write them
     * @return the older and the newer dump
     * @throws Exception when the child JVM fails
     */
    public static List<Path> write(Path dir) throws Exception {
        Path older = dir.resolve("heap_20261207-100000_1.hprof");
        Path newer = dir.resolve("heap_20261207-100005_2.hprof");
        ChildJvm.run(dir, List.of("-Xmx128m"), GrowingCacheChild.class, List.of(older.toString(), newer.toString()), Map.of());
        return List.of(older, newer);
    }
}
