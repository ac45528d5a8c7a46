package io.zprof.dumper.jfr.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zprof.api.model.Quantities;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report's "who holds the growth" table, from the {@code holders_*.json} the holder analysis (zprof-heap-analysis,
 * in a child JVM or the {@code zprof heap} tool) wrote: per grown class its growth, instance count, holder with the
 * holder's retained size, and the shortest path from a GC root; then where the result came from and how long it took.
 * Read as plain JSON: this module does not depend on the analysis module.
 */
final class ReportHolders {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportHolders() {
    }

    /** @param json a holders_*.json file @return its table and provenance */
    static String render(Path json) throws IOException {
        JsonNode r = JSON.readTree(json.toFile());
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode c : r.path("classes")) {
            JsonNode g = c.path("growth");
            String grown = "<b>" + Html.esc(g.path("className").asText()) + "</b>";
            String growth = Html.esc("+" + Quantities.bytes(g.path("bytesAfter").asLong() - g.path("bytesBefore").asLong())
                    + " (now " + Quantities.bytes(g.path("bytesAfter").asLong()) + ")");
            String instances = Html.esc(String.format(Locale.ROOT, "%,d (%+,d)", g.path("instancesAfter").asLong(),
                    g.path("instancesAfter").asLong() - g.path("instancesBefore").asLong()));
            if (c.path("holders").isEmpty()) {
                rows.add(List.of(grown, growth, instances, "no path from a GC root to its "
                        + c.path("instancesSampled").asInt() + " largest instances", "", ""));
            }
            for (JsonNode h : c.path("holders")) {
                rows.add(List.of(grown, growth, instances, holder(h, c.path("instancesSampled").asInt()),
                        Html.esc(retained(h.path("retainedBytes").asLong(), h.path("retainedObjects").asLong())),
                        path(h)));
            }
        }
        String provenance = "computed by " + r.path("tool").asText() + "; where: " + r.path("where").asText()
                + String.format(Locale.ROOT, "; took %.1f s; ", r.path("analysisMillis").asLong() / 1000.0)
                + r.path("newerDump").asText() + " against " + r.path("olderDump").asText();
        return "<p class=\"holders-source\">" + Html.esc(provenance) + "</p>" + (rows.isEmpty() ? "<p>no class grew</p>"
                : Html.table("holders", List.of("grown class", "growth", "instances (change)", "held by",
                        "retained by the holder", "shortest path from a GC root"), rows));
    }

    private static String holder(JsonNode h, int sampled) {
        String owner = h.path("ownerClass").asText();
        String ref = h.path("reference").asText();
        String name = ref.isEmpty() ? owner + " (itself a GC root)"
                : owner + (ref.startsWith("[") ? "" : ".") + ref + ("class".equals(h.path("ownerKind").asText())
                        ? " (static field)" : "");
        return "<b class=\"holder\">" + Html.esc(name) + "</b> &rarr; " + Html.esc(h.path("heldClass").asText())
                + "<br><span class=\"note\">" + h.path("instancesSampled").asInt() + " of the " + sampled
                + " largest instances</span>";
    }

    private static String retained(long bytes, long objects) {
        return bytes < 0 ? "not computed" : Quantities.bytes(bytes) + " in " + String.format(Locale.ROOT, "%,d", objects)
                + " objects";
    }

    private static String path(JsonNode h) {
        StringBuilder b = new StringBuilder("<ol class=\"gc-root-path\" title=\"GC root: ")
                .append(Html.esc(h.path("gcRoot").asText())).append("\"><li class=\"note\">GC root: ")
                .append(Html.esc(h.path("gcRoot").asText())).append("</li>");
        for (JsonNode s : h.path("path")) {
            String ref = s.path("reference").asText();
            b.append("<li>").append(Html.esc(s.path("className").asText() + " " + s.path("kind").asText()
                    + (ref.isEmpty() ? "" : ref.startsWith("[") ? " " + ref : " ." + ref)));
            if (s.path("retainedBytes").asLong() >= 0) {
                b.append(" <span class=\"note\">(retains ").append(Html.esc(Quantities.bytes(s.path("retainedBytes")
                        .asLong()))).append(")</span>");
            }
            b.append("</li>");
        }
        return b.append("</ol>").toString();
    }
}
