package io.zprof.dumper.async.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/** What a JFR file holds, read with the JDK's own parser. */
final class Profiles {
    private Profiles() {
    }

    /** @return the events of the type */
    static List<RecordedEvent> events(Path jfr, String type) throws IOException {
        return RecordingFile.readAllEvents(jfr).stream().filter(e -> e.getEventType().getName().equals(type)).toList();
    }

    /** @return the weight of each method on the stacks of the events (once per stack), by name */
    static Map<String, Long> methodsOnStacks(Path jfr, String type) throws IOException {
        Map<String, Long> counts = new HashMap<>();
        for (RecordedEvent e : events(jfr, type)) {
            if (e.getStackTrace() == null) {
                continue;
            }
            long weight = e.hasField("samples") ? e.getLong("samples") : 1;
            Set<String> seen = new HashSet<>();
            for (RecordedFrame f : e.getStackTrace().getFrames()) {
                String m = f.getMethod() == null ? "?" : f.getMethod().getName();
                if (seen.add(m)) {
                    counts.merge(m, weight, Long::sum);
                }
            }
        }
        return counts;
    }

    /** @return the Java method (not native, C++ or kernel code) most often on top of the events' stacks */
    static String heaviestJavaMethod(Path jfr, String type) throws IOException {
        Map<String, Long> self = new HashMap<>();
        for (RecordedEvent e : events(jfr, type)) {
            if (e.getStackTrace() == null) {
                continue;
            }
            e.getStackTrace().getFrames().stream().filter(RecordedFrame::isJavaFrame).findFirst()
                    .ifPresent(f -> self.merge(f.getMethod().getName(), 1L, Long::sum));
        }
        return self.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("(none)");
    }

    /** @return the thread names of the events */
    static Set<String> threads(Path jfr, String type) throws IOException {
        Set<String> names = new HashSet<>();
        for (RecordedEvent e : events(jfr, type)) {
            RecordedThread t = e.hasField("sampledThread") ? e.getThread("sampledThread") : e.getThread("eventThread");
            if (t != null) {
                names.add(t.getJavaName());
            }
        }
        return names;
    }

    /**
     * @return names of the native, C++ and kernel frames on the stacks of the events that also hold the Java method
     */
    static Set<String> nativeFramesUnder(Path jfr, String type, String javaMethod) throws IOException {
        Set<String> names = new HashSet<>();
        for (RecordedEvent e : events(jfr, type)) {
            if (e.getStackTrace() == null || e.getStackTrace().getFrames().stream()
                    .noneMatch(f -> f.getMethod() != null && javaMethod.equals(f.getMethod().getName()))) {
                continue;
            }
            for (RecordedFrame f : e.getStackTrace().getFrames()) {
                if (Set.of("Native", "C++", "Kernel").contains(f.getType()) && f.getMethod() != null) {
                    names.add(f.getMethod().getName());
                }
            }
        }
        return names;
    }

    /** @return the values of the jdk.ActiveSetting events of the event type with the name */
    static Set<String> settings(Path jfr, String eventType, String name) throws IOException {
        Set<Long> ids = new HashSet<>();
        try (RecordingFile file = new RecordingFile(jfr)) {
            file.readEventTypes().stream().filter(t -> t.getName().equals(eventType)).forEach(t -> ids.add(t.getId()));
        }
        Set<String> values = new HashSet<>();
        for (RecordedEvent e : events(jfr, "jdk.ActiveSetting")) {
            if (ids.contains(e.getLong("id")) && name.equals(e.getString("name"))) {
                values.add(e.getString("value"));
            }
        }
        return values;
    }
}
