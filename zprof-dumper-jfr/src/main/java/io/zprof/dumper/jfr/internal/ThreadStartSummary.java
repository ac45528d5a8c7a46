package io.zprof.dumper.jfr.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;

/** The text form of a thread-creation capture: the stacks that started threads, most threads first. */
final class ThreadStartSummary implements JfrSummary {
    /** Stacks shown. */
    static final int TOP = 20;
    private static final int EXAMPLE_NAMES = 3;

    /** Threads started from one stack. */
    private static final class Site {
        final List<String> frames;
        final Set<String> examples = new LinkedHashSet<>();
        final Set<String> parents = new LinkedHashSet<>();

        Site(List<String> frames) {
            this.frames = frames;
        }
    }

    @Override
    public void write(Path recording, Path out) throws IOException {
        Map<String, Site> sites = new HashMap<>();
        Tally counts = new Tally();
        JfrEvents.TimeSpan span = new JfrEvents.TimeSpan();
        JfrEvents.forEach(recording, e -> {
            if (!"jdk.ThreadStart".equals(e.getEventType().getName()) || OwnThreads.isOwn(e)) {
                return;
            }
            span.add(e);
            List<String> frames = new ArrayList<>();
            RecordedStackTrace stack = e.getStackTrace();
            if (stack != null) {
                for (RecordedFrame f : stack.getFrames()) {
                    frames.add(JfrEvents.methodAndLine(f));
                }
            }
            String key = String.join("\n", frames);
            Site site = sites.computeIfAbsent(key, k -> new Site(frames));
            if (site.examples.size() < EXAMPLE_NAMES) {
                site.examples.add(JfrEvents.name(e.getThread("thread")));
            }
            if (e.hasField("parentThread") && site.parents.size() < EXAMPLE_NAMES) {
                site.parents.add(JfrEvents.name(e.getThread("parentThread")));
            }
            counts.add(key, 1);
            counts.addTotal(1);
        });
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW)) {
            w.write("zprof thread creation (jdk.ThreadStart)\n");
            w.write(counts.total() + " threads started from " + sites.size() + " distinct stacks, " + span + "\n");
            int rank = 0;
            for (String key : counts.top(TOP)) {
                Site site = sites.get(key);
                w.write("\n#" + ++rank + ": " + counts.get(key) + " threads (" + Units.percent(counts.get(key),
                        counts.total()) + "), e.g. " + quoted(site.examples) + "; started by " + quoted(site.parents)
                        + "\n");
                if (site.frames.isEmpty()) {
                    w.write("\t(no stack trace recorded)\n");
                }
                for (String f : site.frames) {
                    w.write("\tat " + f + "\n");
                }
            }
        }
    }

    private static String quoted(Set<String> names) {
        return names.isEmpty() ? "?" : "\"" + String.join("\", \"", names) + "\"";
    }
}
