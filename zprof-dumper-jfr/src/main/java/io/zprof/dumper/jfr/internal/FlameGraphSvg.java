package io.zprof.dumper.jfr.internal;

import io.zprof.support.jfr.SummaryNumbers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A flame graph as inline SVG: the root at the bottom, each frame as wide as its share of the samples, a tooltip
 * with the frame's name, samples and percentage. Frames narrower than a pixel are left out (their samples stay in
 * their parent's width). Drawn by the browser from the markup, without script.
 */
final class FlameGraphSvg {
    private static final int WIDTH = 1200;
    private static final int ROW = 17;
    private static final double MIN_WIDTH = 1.0;
    private static final double CHAR_WIDTH = 6.6;

    /** A frame of the merged tree. */
    private static final class Node {
        final String name;
        final Map<String, Node> children = new LinkedHashMap<>();
        long samples;

        Node(String name) {
            this.name = name;
        }
    }

    private FlameGraphSvg() {
    }

    /**
     * @param stacks the samples
     * @param id     the element id ({@code flame-cpu})
     * @return the SVG, or a note when there are no samples
     */
    static String render(CollapsedStacks stacks, String id) {
        if (stacks.total() == 0) {
            return "<p class=\"note\">no execution samples in this recording</p>";
        }
        Node root = new Node("all");
        for (CollapsedStacks.Stack s : stacks.stacks()) {
            root.samples += s.samples();
            Node n = root;
            for (String f : s.frames()) {
                n = n.children.computeIfAbsent(f, Node::new);
                n.samples += s.samples();
            }
        }
        int depth = depth(root, WIDTH / (double) root.samples);
        int height = (depth + 1) * ROW + 4;
        StringBuilder b = new StringBuilder();
        b.append("<svg class=\"flamegraph\" id=\"").append(Html.esc(id)).append("\" data-samples=\"")
                .append(root.samples).append("\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\">");
        frame(b, root, 0, 0, WIDTH / (double) root.samples, root.samples, height);
        return b.append("</svg>").toString();
    }

    private static int depth(Node n, double scale) {
        int max = 0;
        for (Node c : n.children.values()) {
            if (c.samples * scale >= MIN_WIDTH) {
                max = Math.max(max, 1 + depth(c, scale));
            }
        }
        return max;
    }

    private static void frame(StringBuilder b, Node n, int level, double x, double scale, long total, int height) {
        double w = n.samples * scale;
        double y = height - (level + 1) * ROW - 2;
        b.append("<g class=\"frame\" data-name=\"").append(Html.esc(n.name)).append("\" data-samples=\"")
                .append(n.samples).append("\"><title>").append(Html.esc(n.name)).append(" (").append(n.samples)
                .append(" samples, ").append(SummaryNumbers.percent(n.samples, total)).append(")</title><rect x=\"")
                .append(Html.coord(x)).append("\" y=\"").append(Html.coord(y)).append("\" width=\"")
                .append(Html.coord(Math.max(w - 0.5, 0.5))).append("\" height=\"").append(ROW - 1)
                .append("\" fill=\"").append(color(n.name, level)).append("\"/>");
        int chars = (int) ((w - 6) / CHAR_WIDTH);
        if (chars >= 3) {
            String label = n.name.length() <= chars ? n.name : n.name.substring(0, chars - 2) + "..";
            b.append("<text x=\"").append(Html.coord(x + 3)).append("\" y=\"").append(Html.coord(y + ROW - 5))
                    .append("\">").append(Html.esc(label)).append("</text>");
        }
        b.append("</g>");
        double cx = x;
        List<Node> children = new ArrayList<>(n.children.values());
        children.sort((p, q) -> p.name.compareTo(q.name));
        for (Node c : children) {
            if (c.samples * scale >= MIN_WIDTH) {
                frame(b, c, level + 1, cx, scale, total, height);
            }
            cx += c.samples * scale;
        }
    }

    /** Warm colours, stable per name; JDK frames paler so the application's stand out. */
    private static String color(String name, int level) {
        if (level == 0) {
            return "rgb(200,200,200)";
        }
        int h = name.hashCode();
        boolean jdk = name.startsWith("java.") || name.startsWith("jdk.") || name.startsWith("sun.");
        int r = jdk ? 235 : 220 + Math.floorMod(h, 35);
        int g = jdk ? 190 + Math.floorMod(h >> 8, 40) : 90 + Math.floorMod(h >> 8, 110);
        int bl = jdk ? 120 : 30 + Math.floorMod(h >> 16, 40);
        return "rgb(" + r + "," + g + "," + bl + ")";
    }
}
