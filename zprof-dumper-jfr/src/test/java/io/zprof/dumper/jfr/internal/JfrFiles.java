package io.zprof.dumper.jfr.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/** Assertions helpers over JFR files, read with the JDK's own parser. */
final class JfrFiles {
    private JfrFiles() {
    }

    /** @return every event of the file */
    static List<RecordedEvent> events(Path jfr) throws IOException {
        return RecordingFile.readAllEvents(jfr);
    }

    /** @return the period the recording last set for the event type, from its jdk.ActiveSetting events */
    static String activePeriod(Path jfr, String eventType) throws IOException {
        long typeId;
        try (RecordingFile file = new RecordingFile(jfr)) {
            typeId = file.readEventTypes().stream().filter(t -> t.getName().equals(eventType)).findFirst()
                    .orElseThrow().getId();
        }
        return events(jfr).stream()
                .filter(e -> e.getEventType().getName().equals("jdk.ActiveSetting"))
                .filter(e -> e.getLong("id") == typeId && e.getString("name").equals("period"))
                .map(e -> e.getString("value")).reduce((a, b) -> b).orElse("none");
    }

    /** @return event counts by type name */
    static Map<String, Integer> countsByType(Path jfr) throws IOException {
        Map<String, Integer> counts = new TreeMap<>();
        for (RecordedEvent e : events(jfr)) {
            counts.merge(e.getEventType().getName(), 1, Integer::sum);
        }
        return counts;
    }

    /** @return names of the methods on the stacks of the given event type */
    static Set<String> methodsOnStacks(Path jfr, String eventType) throws IOException {
        Set<String> methods = new HashSet<>();
        for (RecordedEvent e : events(jfr)) {
            if (e.getEventType().getName().equals(eventType) && e.getStackTrace() != null) {
                for (RecordedFrame f : e.getStackTrace().getFrames()) {
                    methods.add(f.getMethod().getName());
                }
            }
        }
        return methods;
    }

    /**
     * Only the workload's own thread is checked: the JVM may record an event without a stack for a thread that
     * has no walkable Java frames at that moment (JFR's own threads, a thread still attaching).
     *
     * @return whether the thread has events of the type and every one of them has a non-empty stack
     */
    static boolean allStackedOn(Path jfr, String eventType, String threadName) throws IOException {
        List<RecordedEvent> onThread = events(jfr).stream()
                .filter(e -> e.getEventType().getName().equals(eventType))
                .filter(e -> threadName.equals(threadNameOf(e)))
                .toList();
        return !onThread.isEmpty() && onThread.stream()
                .allMatch(e -> e.getStackTrace() != null && !e.getStackTrace().getFrames().isEmpty());
    }

    /** Execution samples name their thread in {@code sampledThread}; other events in the event thread. */
    private static String threadNameOf(RecordedEvent e) {
        RecordedThread thread = e.hasField("sampledThread") ? e.getThread("sampledThread") : e.getThread();
        return thread == null ? null : thread.getJavaName();
    }
}
