package io.zprof.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/** Reads evidence with real parsers: JFR through {@code jdk.jfr.consumer}, timelines through Jackson. */
final class Evidence {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Evidence() {
    }

    /** @return how many events of the type the recording holds whose stack has a frame of the method */
    static long eventsWithFrame(Path jfr, String eventType, String method) throws IOException {
        return events(jfr, e -> e.getEventType().getName().equals(eventType) && hasFrame(e, method)).size();
    }

    /** @return how many events of the type the recording holds */
    static long eventsOfType(Path jfr, String eventType) throws IOException {
        return events(jfr, e -> e.getEventType().getName().equals(eventType)).size();
    }

    /** @return the events of the recording that match */
    static List<RecordedEvent> events(Path jfr, Predicate<RecordedEvent> filter) throws IOException {
        return RecordingFile.readAllEvents(jfr).stream().filter(filter).toList();
    }

    static boolean hasFrame(RecordedEvent e, String method) {
        return e.getStackTrace() != null && e.getStackTrace().getFrames().stream()
                .map(RecordedFrame::getMethod).anyMatch(m -> m != null && m.getName().equals(method));
    }

    /**
     * Checks an event's timeline: it parses, names the rule and the reason, and holds metric samples each with a
     * value and the source that gave it.
     *
     * @return the metric keys in it
     */
    static Set<String> checkTimeline(ChildEvent e) throws IOException {
        JsonNode t = JSON.readTree(e.artifact("timeline", "json").toFile());
        assertEquals(e.eventId(), t.path("eventId").asText(), "timeline of its event");
        assertEquals(e.rule(), t.path("rule").asText());
        assertEquals(e.reason(), t.path("reason").asText());
        assertTrue(t.path("config").size() > 0, "the rule's settings: " + t.path("config"));
        JsonNode metrics = t.path("metrics");
        assertTrue(metrics.size() > 0, "metric series in the timeline");
        Set<String> keys = new TreeSet<>();
        for (JsonNode series : metrics) {
            keys.add(series.path("metric").asText());
            assertTrue(series.path("samples").size() > 0, "samples of " + series.path("metric"));
            for (JsonNode sample : series.path("samples")) {
                assertTrue(sample.path("value").isNumber(), "a value: " + sample);
                assertFalse(sample.path("source").asText().isBlank(), "a source: " + sample);
                assertFalse(sample.path("time").asText().isBlank(), "a time: " + sample);
            }
        }
        return keys;
    }

    /** @return the sources named in a timeline's samples of one metric */
    static Set<String> timelineSources(ChildEvent e, String metric) throws IOException {
        Set<String> sources = new TreeSet<>();
        for (JsonNode series : JSON.readTree(e.artifact("timeline", "json").toFile()).path("metrics")) {
            if (series.path("metric").asText().equals(metric)) {
                series.path("samples").forEach(s -> sources.add(s.path("source").asText()));
            }
        }
        return sources;
    }

    /** The dump directory is 0700 and every file zprof sealed in it 0600. */
    static void checkPrivate(Path dumpDir) throws IOException {
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dumpDir)), "dump directory");
        try (Stream<Path> files = Files.list(dumpDir)) {
            List<Path> regular = files.filter(Files::isRegularFile).toList();
            assertFalse(regular.isEmpty(), "files in " + dumpDir);
            for (Path f : regular) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
            }
        }
    }
}
