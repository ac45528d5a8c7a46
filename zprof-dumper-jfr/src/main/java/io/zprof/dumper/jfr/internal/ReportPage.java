package io.zprof.dumper.jfr.internal;

import java.util.List;

/** The page around the report's sections: head, inline style, navigation. Nothing is loaded from elsewhere. */
final class ReportPage {
    private static final String STYLE = String.join("\n",
            "body{font:14px/1.4 system-ui,sans-serif;margin:0 24px 40px;color:#222}",
            "header{position:sticky;top:0;background:#fff;border-bottom:1px solid #ddd;padding:8px 0;z-index:1}",
            "header h1{font-size:20px;margin:4px 0}nav a{margin-right:14px;font-size:13px}",
            "h2{border-bottom:2px solid #c33;padding-top:16px}h3{margin-top:20px}",
            "table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ddd;padding:3px 8px;"
                    + "vertical-align:top;text-align:left}th{background:#f4f4f4}",
            "table.summary td:first-child{font-weight:bold;white-space:nowrap}.reason{color:#a00}",
            "pre{background:#f8f8f8;padding:8px;overflow:auto;font-size:12px}pre.stack{margin:0;padding:2px 4px}",
            ".note{color:#666}.error{color:#b00;font-weight:bold}",
            ".two{display:flex;gap:24px;flex-wrap:wrap}.small-charts{display:flex;flex-wrap:wrap;gap:12px}",
            "figure{margin:8px 0}figcaption{font-size:12px;color:#555}",
            "svg.chart{background:#fcfcfc;border:1px solid #eee}svg text{font-size:11px;font-family:sans-serif}",
            "svg .series{fill:none;stroke:#1f5fbf;stroke-width:1.5}svg .sample{fill:#1f5fbf}",
            "svg .threshold line{stroke:#e08000;stroke-dasharray:5 3}svg .threshold text{fill:#b06000}",
            "svg .trigger line{stroke:#d00;stroke-width:2}svg .trigger text{fill:#d00;font-weight:bold}",
            "svg .window{fill:#3a8f3a;opacity:.12}svg .window-label{fill:#2a6f2a}",
            "svg .axis line{stroke:#999}",
            "svg.flamegraph{display:block;margin:6px 0}svg.flamegraph text{font-size:11px;fill:#000;"
                    + "pointer-events:none}svg.flamegraph .frame:hover rect{stroke:#000;stroke-width:.8}");

    private ReportPage() {
    }

    /**
     * @param title the page title
     * @param nav   links to the sections
     * @param body  the sections
     * @return the whole page
     */
    static String html(String title, List<String> nav, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline';"
                + " img-src data:\"><title>" + Html.esc(title) + "</title><style>" + STYLE + "</style></head><body>"
                + "<header><h1>" + Html.esc(title) + "</h1><nav>" + String.join("", nav) + "</nav></header>\n"
                + body + "<footer class=\"note\">written by zprof; every number above comes from the files listed"
                + " under 'Files of this event'</footer></body></html>\n";
    }
}
