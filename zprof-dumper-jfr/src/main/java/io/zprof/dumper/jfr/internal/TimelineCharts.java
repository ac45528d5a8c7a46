package io.zprof.dumper.jfr.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The metric timeline as inline SVG: one chart per metric, the rule's metric first and larger, with its thresholds,
 * the window average, the trigger and the span of the pre-trigger JFR window marked. Every sample is a point with a
 * tooltip. No script: the charts are drawn by the browser from the markup.
 */
final class TimelineCharts {
    /** Threshold keys that are levels of the watched metric, with how the chart names them. */
    private static final Map<String, String> LEVELS = Map.of("abs", "abs", "min", "min", "max", "max",
            "threshold", "threshold");
    private static final int PAD_LEFT = 70;
    private static final int PAD_RIGHT = 20;
    private static final int PAD_TOP = 24;
    private static final int PAD_BOTTOM = 28;

    private TimelineCharts() {
    }

    /** @param t the timeline @return the charts section's content */
    static String render(ReportTimeline t) {
        StringBuilder b = new StringBuilder();
        ReportTimeline.Series main = t.metric == null ? null : t.series(t.metric);
        Instant windowFrom = windowFrom(t);
        if (main != null) {
            b.append(chart(t, main, true, windowFrom));
        }
        b.append("<div class=\"small-charts\">");
        for (ReportTimeline.Series s : t.series) {
            if (s != main && s.samples().size() > 0) {
                b.append(chart(t, s, false, windowFrom));
            }
        }
        return b.append("</div>").toString();
    }

    private static Instant windowFrom(ReportTimeline t) {
        if (!"true".equals(t.settings.get("zprof.dump.window.enabled"))) {
            return null;
        }
        try {
            return t.time.minus(Duration.parse(isoDuration(t.settings.get("zprof.dump.window.maxage"))));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** @param v a duration as settings write it ({@code 2m}, {@code 30s}, {@code 500ms}) or ISO @return ISO-8601 */
    static String isoDuration(String v) {
        if (v == null || v.startsWith("P")) {
            return v;
        }
        if (v.endsWith("ms")) {
            return "PT" + Double.parseDouble(v.substring(0, v.length() - 2)) / 1000 + "S";
        }
        String n = v.substring(0, v.length() - 1);
        return switch (v.charAt(v.length() - 1)) {
            case 'd' -> "P" + n + "D";
            case 'h' -> "PT" + n + "H";
            case 'm' -> "PT" + n + "M";
            default -> "PT" + n + "S";
        };
    }

    private static String chart(ReportTimeline t, ReportTimeline.Series s, boolean main, Instant windowFrom) {
        int width = main ? 900 : 430;
        int height = main ? 260 : 150;
        List<double[]> lines = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (main) {
            t.thresholds.forEach((k, v) -> {
                if (LEVELS.containsKey(k) && v > 0) {
                    lines.add(new double[] {v});
                    names.add(LEVELS.get(k));
                }
            });
            Double diff = t.thresholds.get("diff");
            if (!Double.isNaN(t.average)) {
                lines.add(new double[] {t.average});
                names.add("window average");
                if (diff != null && diff > 0) {
                    lines.add(new double[] {t.average * (1 + diff / 100)});
                    names.add("average + diff " + Html.num(diff) + " %");
                }
            }
        }
        List<ReportTimeline.Sample> samples = s.samples();
        long t0 = samples.get(0).time().toEpochMilli();
        long t1 = Math.max(samples.get(samples.size() - 1).time().toEpochMilli(), t.time.toEpochMilli());
        if (windowFrom != null && main) {
            t0 = Math.min(t0, Math.max(windowFrom.toEpochMilli(), t0));
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (ReportTimeline.Sample p : samples) {
            lo = Math.min(lo, p.value());
            hi = Math.max(hi, p.value());
        }
        // a ceiling far above the data (threads max 100000) would flatten the chart: it is named in the caption instead
        double dataHi = hi;
        List<String> offScale = new ArrayList<>();
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i)[0] > 3 * Math.max(dataHi, t.value)) {
                offScale.add(0, names.get(i) + " " + Html.num(lines.get(i)[0]));
                lines.remove(i);
                names.remove(i);
            }
        }
        for (double[] l : lines) {
            lo = Math.min(lo, l[0]);
            hi = Math.max(hi, l[0]);
        }
        lo = Math.min(lo, 0);
        if (hi <= lo) {
            hi = lo + 1;
        }
        hi += (hi - lo) * 0.08;
        Scale x = new Scale(t0, Math.max(t1, t0 + 1), PAD_LEFT, width - PAD_RIGHT);
        Scale y = new Scale(lo, hi, height - PAD_BOTTOM, PAD_TOP);
        StringBuilder b = new StringBuilder();
        b.append("<figure class=\"chart").append(main ? " main" : "").append("\"><svg class=\"chart\" data-metric=\"")
                .append(Html.esc(s.metric())).append("\" data-samples=\"").append(samples.size())
                .append("\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\">");
        if (main && windowFrom != null) {
            double from = x.at(Math.max(windowFrom.toEpochMilli(), t0));
            b.append("<rect class=\"window\" x=\"").append(Html.coord(from)).append("\" y=\"").append(PAD_TOP)
                    .append("\" width=\"").append(Html.coord(Math.max(0, x.at(t.time.toEpochMilli()) - from)))
                    .append("\" height=\"").append(height - PAD_TOP - PAD_BOTTOM)
                    .append("\"><title>pre-trigger JFR window (").append(Html.esc(t.settings.get("zprof.dump.window.maxage")))
                    .append(")</title></rect><text class=\"window-label\" x=\"").append(Html.coord(from + 4))
                    .append("\" y=\"").append(PAD_TOP + 12).append("\">pre-trigger window</text>");
        }
        axes(b, x, y, width, height, lo, hi, s.unit());
        for (int i = 0; i < lines.size(); i++) {
            double v = lines.get(i)[0];
            b.append("<g class=\"threshold\" data-name=\"").append(Html.esc(names.get(i))).append("\" data-value=\"")
                    .append(Html.num(v)).append("\"><line x1=\"").append(PAD_LEFT).append("\" x2=\"")
                    .append(width - PAD_RIGHT).append("\" y1=\"").append(Html.coord(y.at(v))).append("\" y2=\"")
                    .append(Html.coord(y.at(v))).append("\"/><text x=\"").append(width - PAD_RIGHT - 4)
                    .append("\" y=\"").append(Html.coord(y.at(v) - 3)).append("\" text-anchor=\"end\">")
                    .append(Html.esc(names.get(i))).append(' ').append(Html.num(v)).append("</text></g>");
        }
        StringBuilder path = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        for (ReportTimeline.Sample p : samples) {
            double px = x.at(p.time().toEpochMilli());
            double py = y.at(p.value());
            path.append(path.length() == 0 ? "M" : " L").append(Html.coord(px)).append(' ').append(Html.coord(py));
            dots.append("<circle class=\"sample\" cx=\"").append(Html.coord(px)).append("\" cy=\"")
                    .append(Html.coord(py)).append("\" r=\"").append(main ? 3 : 2).append("\"><title>")
                    .append(p.time()).append(": ").append(Html.num(p.value())).append(' ').append(Html.esc(s.unit()))
                    .append(" (").append(Html.esc(p.source())).append(")</title></circle>");
        }
        b.append("<path class=\"series\" d=\"").append(path).append("\"/>").append(dots);
        double tx = x.at(t.time.toEpochMilli());
        b.append("<g class=\"trigger\"><line x1=\"").append(Html.coord(tx)).append("\" x2=\"").append(Html.coord(tx))
                .append("\" y1=\"").append(PAD_TOP).append("\" y2=\"").append(height - PAD_BOTTOM)
                .append("\"/><text x=\"").append(Html.coord(tx - 4)).append("\" y=\"").append(PAD_TOP - 6)
                .append("\" text-anchor=\"end\">trigger").append(main ? " " + Html.num(t.value) : "")
                .append("</text></g>");
        b.append("</svg><figcaption>").append(Html.esc(s.metric())).append(" (").append(Html.esc(s.unit()))
                .append("), ").append(samples.size()).append(" samples").append(main ? ", the rule's metric" : "")
                .append(offScale.isEmpty() ? "" : "; above the chart: " + Html.esc(String.join(", ", offScale)))
                .append("</figcaption></figure>");
        return b.toString();
    }

    private static void axes(StringBuilder b, Scale x, Scale y, int width, int height, double lo, double hi,
                             String unit) {
        b.append("<g class=\"axis\"><line x1=\"").append(PAD_LEFT).append("\" x2=\"").append(PAD_LEFT)
                .append("\" y1=\"").append(PAD_TOP).append("\" y2=\"").append(height - PAD_BOTTOM)
                .append("\"/><line x1=\"").append(PAD_LEFT).append("\" x2=\"").append(width - PAD_RIGHT)
                .append("\" y1=\"").append(height - PAD_BOTTOM).append("\" y2=\"").append(height - PAD_BOTTOM)
                .append("\"/>");
        for (double v : new double[] {lo, (lo + hi) / 2, hi}) {
            b.append("<text x=\"").append(PAD_LEFT - 4).append("\" y=\"").append(Html.coord(y.at(v) + 4))
                    .append("\" text-anchor=\"end\">").append(Html.esc(ReportUnits.value(v, unit))).append("</text>");
        }
        long seconds = Math.round((x.max - x.min) / 1000);
        b.append("<text x=\"").append(PAD_LEFT).append("\" y=\"").append(height - 8).append("\">")
                .append(Instant.ofEpochMilli((long) x.min).toString().substring(11, 19)).append(" UTC</text>")
                .append("<text x=\"").append(width - PAD_RIGHT).append("\" y=\"").append(height - 8)
                .append("\" text-anchor=\"end\">").append(Instant.ofEpochMilli((long) x.max).toString(), 11, 19)
                .append(" UTC (").append(seconds).append(" s)</text></g>");
    }

    /** A linear map from data to pixels. */
    private record Scale(double min, double max, double from, double to) {
        double at(double v) {
            return from + (v - min) / (max - min) * (to - from);
        }
    }
}
