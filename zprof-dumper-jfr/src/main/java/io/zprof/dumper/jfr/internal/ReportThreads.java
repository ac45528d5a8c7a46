package io.zprof.dumper.jfr.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The report's thread sections: the dump grouped by state and stack, and where threads were created. */
final class ReportThreads {
    private static final int GROUPS_SHOWN = 25;
    private static final int SITES_SHOWN = 15;
    private static final int FRAMES_SHOWN = 12;

    private ReportThreads() {
    }

    /** @param dump a thread dump file @return the grouped dump as HTML */
    static String dump(Path dump) throws IOException {
        ThreadDumpGroups g = ThreadDumpGroups.read(dump);
        List<List<String>> states = new ArrayList<>();
        for (Map.Entry<String, Integer> e : g.byState.entrySet()) {
            states.add(List.of(Html.esc(e.getKey()), Integer.toString(e.getValue())));
        }
        StringBuilder b = new StringBuilder();
        b.append("<p>").append(g.threads).append(" threads in ").append(g.byStack.size())
                .append(" distinct stacks (").append(Html.esc(ReportBundle.name(dump))).append(")</p>");
        b.append(Html.table("thread-states", List.of("state", "threads"), states));
        List<List<String>> rows = new ArrayList<>();
        for (ThreadDumpGroups.Group group : g.groups().subList(0, Math.min(GROUPS_SHOWN, g.byStack.size()))) {
            rows.add(List.of(Integer.toString(group.count), Html.esc(String.join(", ", group.states)),
                    Html.esc(String.join(", ", group.examples)), stack(group.frames)));
        }
        b.append(Html.table("thread-stacks", List.of("threads", "state", "e.g.", "stack (innermost first)"), rows));
        return b.toString();
    }

    /**
     * @param recordings the thread-creation capture and the window, when present
     * @param trigger    when the rule fired
     * @return the creation stacks, most threads first, as HTML
     */
    static String creation(List<Path> recordings, Instant trigger) throws IOException {
        ThreadStarts starts = new ThreadStarts(trigger);
        for (Path r : recordings) {
            starts.read(r);
        }
        StringBuilder b = new StringBuilder();
        b.append("<p class=\"creation-summary\">").append(starts.total()).append(" threads started from ")
                .append(starts.stacks()).append(" distinct stacks, ").append(starts.totalBefore())
                .append(" of them before the trigger; ").append(Html.esc(starts.span())).append(" (from ")
                .append(Html.esc(String.join(", ", recordings.stream().map(ReportBundle::name).toList())))
                .append(")</p>");
        List<List<String>> rows = new ArrayList<>();
        for (ThreadStarts.Site s : starts.top(SITES_SHOWN)) {
            rows.add(List.of("<b>" + Html.esc(creator(s.frames)) + "</b>", Integer.toString(s.count),
                    Integer.toString(s.before), Integer.toString(starts.alive(s)),
                    Html.esc(s.first + " to " + s.last), Html.esc(String.join(", ", s.examples)), stack(s.frames)));
        }
        b.append(Html.table("thread-creation", List.of("created by", "threads", "before the trigger", "not ended",
                "started", "e.g.", "creating stack (innermost first)"), rows));
        return b.toString();
    }

    /** @param frames a creating stack @return its first frame outside the JDK: the code that started the threads */
    static String creator(List<String> frames) {
        for (String f : frames) {
            if (!(f.startsWith("java.") || f.startsWith("jdk.") || f.startsWith("sun.") || f.startsWith("javax."))) {
                return f;
            }
        }
        return frames.isEmpty() ? "(no stack recorded)" : frames.get(0);
    }

    private static String stack(List<String> frames) {
        List<String> shown = frames.subList(0, Math.min(FRAMES_SHOWN, frames.size()));
        String more = frames.size() > shown.size() ? "\n... " + (frames.size() - shown.size()) + " more" : "";
        return "<pre class=\"stack\">" + Html.esc(String.join("\n", shown) + more) + "</pre>";
    }
}
