package io.zprof.analysis.heap;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import shark.CloseableHeapGraph;

/**
 * Who holds the growth between two heap dumps of the same JVM: the classes that grew most in bytes, and for each
 * the holders of its largest instances in the newer dump, with their retained sizes and GC-root paths.
 *
 * <p>Each dump is indexed by shark (the index takes roughly a fifth of the dump's size on the heap, the path search
 * as much again), so run this where a heap that large is fine: the {@code zprof heap} command or a child process
 * with its own {@code -Xmx}, never inside the monitored service.
 */
public final class HeapHolders {
    /** What computes the paths and retained sizes. */
    public static final String TOOL = "LeakCanary shark 2.14 (shortest strong paths from GC roots, dominator-based retained sizes)";

    private final int topClasses;
    private final int sampleLimit;
    private final Progress progress;

    /**
     * @param topClasses  how many of the most grown classes to trace (at least 1)
     * @param sampleLimit how many of a class's largest instances to trace (at least 1)
     * @param progress    told of each step
     */
    public HeapHolders(int topClasses, int sampleLimit, Progress progress) {
        if (topClasses < 1 || sampleLimit < 1) {
            throw new IllegalArgumentException("topClasses and sampleLimit must be at least 1, got " + topClasses
                    + " and " + sampleLimit);
        }
        this.topClasses = topClasses;
        this.sampleLimit = sampleLimit;
        this.progress = progress;
    }

    /**
     * @param older the earlier heap dump (HPROF)
     * @param newer the later heap dump of the same JVM
     * @param where where this runs, for the report, e.g. {@code offline: zprof command-line tool}
     * @return the grown classes and their holders
     * @throws IOException when a dump is missing, unreadable or not an HPROF file
     */
    public HolderReport analyse(Path older, Path newer, String where) throws IOException {
        long start = System.nanoTime();
        Map<String, ClassCensus.Totals> before;
        try (CloseableHeapGraph graph = open(older)) {
            progress.step("counting classes in " + older.getFileName());
            before = ClassCensus.count(graph);
        }
        try (CloseableHeapGraph graph = open(newer)) {
            progress.step("counting classes in " + newer.getFileName());
            Map<String, ClassCensus.Totals> after = ClassCensus.count(graph);
            List<ClassGrowth> grown = growth(before, after);
            Set<String> names = new LinkedHashSet<>();
            grown.forEach(g -> names.add(g.className()));
            progress.step("sampling the largest instances of " + String.join(", ", names));
            Map<String, Set<Long>> samples = ClassCensus.largestInstances(graph, names, sampleLimit);
            HolderFinder finder = new HolderFinder(graph, newer.toFile(), progress);
            List<GrownClass> classes = new ArrayList<>();
            for (ClassGrowth g : grown) {
                Set<Long> ids = samples.getOrDefault(g.className(), Set.of());
                progress.step("tracing " + ids.size() + " instances of " + g.className() + " to the GC roots");
                classes.add(new GrownClass(g, ids.size(), ids.isEmpty() ? List.of() : finder.holders(g.className(), ids)));
            }
            return new HolderReport(TOOL, where, older.getFileName().toString(), newer.getFileName().toString(),
                    total(before), total(after), (System.nanoTime() - start) / 1_000_000, List.copyOf(classes));
        }
    }

    private CloseableHeapGraph open(Path dump) throws IOException {
        return HeapGraphs.open(dump, progress);
    }

    private List<ClassGrowth> growth(Map<String, ClassCensus.Totals> before, Map<String, ClassCensus.Totals> after) {
        Set<String> names = new HashSet<>(before.keySet());
        names.addAll(after.keySet());
        ClassCensus.Totals none = new ClassCensus.Totals(0, 0);
        return names.stream().map(n -> {
            ClassCensus.Totals b = before.getOrDefault(n, none);
            ClassCensus.Totals a = after.getOrDefault(n, none);
            return new ClassGrowth(n, b.instances(), a.instances(), b.bytes(), a.bytes());
        }).filter(g -> g.bytesGrowth() > 0)
                .sorted(Comparator.comparingLong(ClassGrowth::bytesGrowth).reversed().thenComparing(ClassGrowth::className))
                .limit(topClasses).toList();
    }

    private static long total(Map<String, ClassCensus.Totals> totals) {
        return totals.values().stream().mapToLong(ClassCensus.Totals::bytes).sum();
    }
}
