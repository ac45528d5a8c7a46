package io.zprof.dumper.jfr.internal;

import io.zprof.support.jfr.JfrEvents;
import io.zprof.support.jfr.OwnThreads;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;

/**
 * The {@code jdk.ThreadStart} events of one or more recordings grouped by the stack that started the thread: how
 * many threads each stack started, how many of them before a cut-off (the trigger, or the start of a recording),
 * when, and how many of them ended ({@code jdk.ThreadEnd}) in the recordings. A thread starts once, so a start seen
 * in two overlapping recordings is counted once. zprof's own threads are left out. What the thread-creation text
 * form and the incident report show.
 */
final class ThreadStarts {
    private static final int EXAMPLE_NAMES = 3;

    /** Threads started from one stack. */
    static final class Site {
        final List<String> frames;
        final Set<String> examples = new LinkedHashSet<>();
        final Set<String> parents = new LinkedHashSet<>();
        final Set<Long> threadIds = new HashSet<>();
        int count;
        int before;
        Instant first;
        Instant last;

        Site(List<String> frames) {
            this.frames = frames;
        }

        /** @param ended the Java ids of threads that ended @return how many threads of this site did not end */
        int alive(Set<Long> ended) {
            int n = 0;
            for (Long id : threadIds) {
                if (!ended.contains(id)) {
                    n++;
                }
            }
            return n;
        }
    }

    private final Instant cutoff;
    private final Map<String, Site> sites = new HashMap<>();
    private final Set<Long> started = new HashSet<>();
    private final Set<Long> ended = new HashSet<>();
    private final JfrEvents.TimeSpan span = new JfrEvents.TimeSpan();
    private int total;
    private int totalBefore;

    /** @param cutoff starts before it are counted apart ({@link Site#before}), or null */
    ThreadStarts(Instant cutoff) {
        this.cutoff = cutoff;
    }

    /**
     * Adds a recording's thread starts and ends.
     *
     * @param recording a JFR file
     * @return this
     * @throws IOException when the file cannot be read
     */
    ThreadStarts read(Path recording) throws IOException {
        JfrEvents.forEach(recording, e -> {
            if (OwnThreads.isOwn(e)) {
                return;
            }
            String type = e.getEventType().getName();
            if ("jdk.ThreadEnd".equals(type) && e.getThread("thread") != null) {
                ended.add(e.getThread("thread").getJavaThreadId());
            } else if ("jdk.ThreadStart".equals(type)) {
                add(e);
            }
        });
        return this;
    }

    private void add(RecordedEvent e) {
        if (e.getThread("thread") != null && !started.add(e.getThread("thread").getJavaThreadId())) {
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
        Site site = sites.computeIfAbsent(String.join("\n", frames), k -> new Site(frames));
        site.count++;
        total++;
        if (cutoff != null && e.getStartTime().isBefore(cutoff)) {
            site.before++;
            totalBefore++;
        }
        if (site.first == null || e.getStartTime().isBefore(site.first)) {
            site.first = e.getStartTime();
        }
        if (site.last == null || e.getStartTime().isAfter(site.last)) {
            site.last = e.getStartTime();
        }
        if (e.getThread("thread") != null) {
            site.threadIds.add(e.getThread("thread").getJavaThreadId());
        }
        if (site.examples.size() < EXAMPLE_NAMES) {
            site.examples.add(JfrEvents.name(e.getThread("thread")));
        }
        if (e.hasField("parentThread") && site.parents.size() < EXAMPLE_NAMES) {
            site.parents.add(JfrEvents.name(e.getThread("parentThread")));
        }
    }

    /** @param n how many @return the stacks that started most threads, most first (ties by stack) */
    List<Site> top(int n) {
        List<Site> out = new ArrayList<>(sites.values());
        out.sort(Comparator.comparingInt((Site s) -> s.count).reversed()
                .thenComparing(s -> String.join("\n", s.frames)));
        return out.subList(0, Math.min(n, out.size()));
    }

    /** @param site a site of this @return how many of its threads did not end within the recordings */
    int alive(Site site) {
        return site.alive(ended);
    }

    /** @return threads started */
    int total() {
        return total;
    }

    /** @return threads started before the cut-off */
    int totalBefore() {
        return totalBefore;
    }

    /** @return distinct creating stacks */
    int stacks() {
        return sites.size();
    }

    /** @return the time range of the starts, as text */
    String span() {
        return span.toString();
    }
}
