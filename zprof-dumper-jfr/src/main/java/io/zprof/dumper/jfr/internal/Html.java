package io.zprof.dumper.jfr.internal;

import java.util.List;
import java.util.Locale;

/** Building blocks of the incident report's HTML: escaping, tables, numbers. */
final class Html {
    private Html() {
    }

    /** @param text any text, possibly null @return it escaped for an element or a quoted attribute */
    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * @param cssClass the table's class (tests and styles find it by that)
     * @param headers  column headers
     * @param rows     cells, already escaped
     * @return a table
     */
    static String table(String cssClass, List<String> headers, List<List<String>> rows) {
        StringBuilder b = new StringBuilder("<table class=\"" + cssClass + "\"><thead><tr>");
        for (String h : headers) {
            b.append("<th>").append(esc(h)).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        for (List<String> row : rows) {
            b.append("<tr>");
            for (String cell : row) {
                b.append("<td>").append(cell).append("</td>");
            }
            b.append("</tr>");
        }
        return b.append("</tbody></table>").toString();
    }

    /** @param text preformatted text @return it in a {@code pre} element, escaped */
    static String pre(String text) {
        return "<pre>" + esc(text) + "</pre>";
    }

    /** @param v a number @return it with at most two decimals and no trailing zeros, or {@code -} when not finite */
    static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "-";
        }
        String s = String.format(Locale.ROOT, "%.2f", v);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    /** @param v a coordinate @return it with one decimal, for SVG */
    static String coord(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
