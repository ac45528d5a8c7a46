package io.zprof.analysis.heap;

import java.util.Locale;

/** The text form of a {@link HolderReport}, as written to {@code holders_*.txt}. */
public final class HolderText {
    private HolderText() {
    }

    /**
     * @param report a finished analysis
     * @return the report as plain text: what grew, who holds it, the path from a GC root
     */
    public static String render(HolderReport report) {
        StringBuilder out = new StringBuilder();
        out.append("zprof heap holders: ").append(report.newerDump()).append(" against ").append(report.olderDump()).append('\n');
        out.append("computed by ").append(report.tool()).append("; ").append(report.where())
                .append(String.format(Locale.ROOT, "; %.1f s%n", report.analysisMillis() / 1000.0));
        out.append("objects in the dumps (HPROF shallow sizes): ").append(ByteSizes.of(report.bytesBefore())).append(" -> ")
                .append(ByteSizes.of(report.bytesAfter())).append(" (")
                .append(ByteSizes.signed(report.bytesAfter() - report.bytesBefore())).append(")\n");
        if (report.classes().isEmpty()) {
            out.append("\nno class grew\n");
        }
        int n = 1;
        for (GrownClass c : report.classes()) {
            ClassGrowth g = c.growth();
            out.append(String.format(Locale.ROOT, "%n%d. %s  %s (%+d instances), now %s in %d instances%n", n++,
                    g.className(), ByteSizes.signed(g.bytesGrowth()), g.instancesGrowth(), ByteSizes.of(g.bytesAfter()),
                    g.instancesAfter()));
            if (c.holders().isEmpty()) {
                out.append("   no path from a GC root to its ").append(c.instancesSampled()).append(" largest instances\n");
            }
            for (Holder h : c.holders()) {
                holder(out, h, c.instancesSampled());
            }
        }
        return out.toString();
    }

    private static void holder(StringBuilder out, Holder h, int sampled) {
        out.append("   held by ").append(h.describe()).append(" -> ").append(h.heldClass());
        if (h.retainedBytes() >= 0) {
            out.append(", retaining ").append(ByteSizes.of(h.retainedBytes())).append(" in ").append(h.retainedObjects())
                    .append(" objects");
        }
        out.append(String.format(Locale.ROOT, "%n   (%d of the %d largest instances)%n", h.instancesSampled(), sampled));
        out.append("   shortest path from a GC root (").append(h.gcRoot()).append("):\n");
        for (PathStep s : h.path()) {
            out.append("     ").append(s.className()).append(' ').append(s.kind());
            if (!s.reference().isEmpty()) {
                out.append(s.reference().startsWith("[") ? " " : " .").append(s.reference());
            }
            if (s.retainedBytes() >= 0) {
                out.append("  (retains ").append(ByteSizes.of(s.retainedBytes())).append(')');
            }
            out.append('\n');
        }
    }
}
