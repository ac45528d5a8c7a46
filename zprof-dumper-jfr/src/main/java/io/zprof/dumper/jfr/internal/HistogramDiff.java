package io.zprof.dumper.jfr.internal;

import io.zprof.api.model.Quantities;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * What grew between two class histograms of the same series: the JVM's answer to {@code pprof -base}. Classes
 * are ranked by growth in bytes and, separately, in instances; shrinking classes are left out.
 */
final class HistogramDiff {
    /** Rows per table. */
    static final int TOP = 30;
    private static final ClassHistogram.Row NONE = new ClassHistogram.Row(0, 0);

    /** One class in both histograms. */
    private record Change(String className, ClassHistogram.Row before, ClassHistogram.Row after) {
        long bytes() {
            return after.bytes() - before.bytes();
        }

        long instances() {
            return after.instances() - before.instances();
        }
    }

    private HistogramDiff() {
    }

    /**
     * @param baseName name of the earlier histogram, for the header
     * @param before   the earlier histogram
     * @param after    this capture's histogram
     * @return the diff as text
     */
    static String render(String baseName, Map<String, ClassHistogram.Row> before, Map<String, ClassHistogram.Row> after) {
        Set<String> names = new HashSet<>(before.keySet());
        names.addAll(after.keySet());
        List<Change> changes = new ArrayList<>();
        ClassHistogram.Row totalBefore = NONE;
        ClassHistogram.Row totalAfter = NONE;
        for (String n : names) {
            Change c = new Change(n, before.getOrDefault(n, NONE), after.getOrDefault(n, NONE));
            changes.add(c);
            totalBefore = totalBefore.plus(c.before());
            totalAfter = totalAfter.plus(c.after());
        }
        StringBuilder out = new StringBuilder();
        out.append("zprof heap diff: this capture against ").append(baseName).append('\n');
        out.append(String.format(Locale.ROOT, "live heap: %s -> %s (%s), instances: %d -> %d (%+d)%n",
                Quantities.bytes(totalBefore.bytes()), Quantities.bytes(totalAfter.bytes()),
                signed(totalAfter.bytes() - totalBefore.bytes()), totalBefore.instances(), totalAfter.instances(),
                totalAfter.instances() - totalBefore.instances()));
        table(out, "classes by growth in bytes", changes, Change::bytes);
        table(out, "classes by growth in instances", changes, Change::instances);
        return out.toString();
    }

    private static void table(StringBuilder out, String heading, List<Change> changes, ToLongFunction<Change> by) {
        out.append("\nTop ").append(TOP).append(' ').append(heading).append('\n');
        out.append(String.format(Locale.ROOT, "%14s %14s %14s %14s  %s%n", "+bytes", "bytes now", "+instances",
                "instances now", "class"));
        List<Change> grown = changes.stream().filter(c -> by.applyAsLong(c) > 0)
                .sorted(Comparator.comparingLong(by).reversed().thenComparing(Change::className)).limit(TOP).toList();
        for (Change c : grown) {
            out.append(String.format(Locale.ROOT, "%14s %14s %+14d %14d  %s%n", signed(c.bytes()),
                    Quantities.bytes(c.after().bytes()), c.instances(), c.after().instances(), c.className()));
        }
        if (grown.isEmpty()) {
            out.append("  (nothing grew)\n");
        }
    }

    private static String signed(long bytes) {
        return (bytes >= 0 ? "+" : "") + Quantities.bytes(bytes);
    }
}
