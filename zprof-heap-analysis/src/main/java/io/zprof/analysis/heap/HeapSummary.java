package io.zprof.analysis.heap;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import shark.CloseableHeapGraph;

/** A class histogram read from one HPROF file, for a dump whose {@code histogram_*.txt} is not at hand. */
public final class HeapSummary {
    private HeapSummary() {
    }

    /**
     * @param dump     an HPROF heap dump
     * @param top      how many classes to list
     * @param progress told when indexing starts
     * @return the classes with the most shallow bytes, as text
     * @throws IOException when the dump cannot be read
     */
    public static String render(Path dump, int top, Progress progress) throws IOException {
        Map<String, ClassCensus.Totals> totals;
        int gcRoots;
        try (CloseableHeapGraph graph = HeapGraphs.open(dump, progress)) {
            progress.step("counting classes in " + dump.getFileName());
            totals = ClassCensus.count(graph);
            gcRoots = graph.getGcRoots().size();
        }
        long bytes = totals.values().stream().mapToLong(ClassCensus.Totals::bytes).sum();
        long instances = totals.values().stream().mapToLong(ClassCensus.Totals::instances).sum();
        StringBuilder out = new StringBuilder();
        out.append("heap dump ").append(dump.getFileName()).append(" (read by ").append(HeapHolders.TOOL).append(")\n");
        out.append(String.format(Locale.ROOT, "%d objects, %s (HPROF shallow sizes), %d classes, %d GC roots%n",
                instances, ByteSizes.of(bytes), totals.size(), gcRoots));
        out.append(String.format(Locale.ROOT, "%nTop %d classes by bytes%n%14s %14s  %s%n", top, "bytes", "instances", "class"));
        List<Map.Entry<String, ClassCensus.Totals>> rows = totals.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, ClassCensus.Totals> e) -> e.getValue().bytes()).reversed()
                        .thenComparing(Map.Entry::getKey))
                .limit(top).toList();
        for (Map.Entry<String, ClassCensus.Totals> e : rows) {
            out.append(String.format(Locale.ROOT, "%14s %14d  %s%n", ByteSizes.of(e.getValue().bytes()),
                    e.getValue().instances(), e.getKey()));
        }
        return out.toString();
    }
}
