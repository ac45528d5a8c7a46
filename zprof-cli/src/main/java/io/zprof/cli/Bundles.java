package io.zprof.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Groups a dump directory's files into event bundles by the event id in their names, and reads each bundle's
 * {@code timeline_*.json} for the rule, the time and the reason.
 */
final class Bundles {
    /** {@code {type}_{yyyyMMdd-HHmmss}_{eventId}.{ext}}, with {@code -N} after the id when a type repeats. */
    static final Pattern NAME = Pattern.compile("^([a-z][a-z0-9_-]*?)_(\\d{8}-\\d{6})_(\\d+)(?:-\\d+)?\\.([a-z0-9.]+)$");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Bundles() {
    }

    /**
     * @param dir a zprof dump directory
     * @return its bundles, oldest first
     * @throws IOException when the directory cannot be listed
     */
    static List<Bundle> in(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + ": not a directory");
        }
        Map<String, List<Path>> byEvent = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(Files::isRegularFile).sorted().forEach(f -> {
                Matcher m = NAME.matcher(f.getFileName().toString());
                if (m.matches()) {
                    byEvent.computeIfAbsent(m.group(3), id -> new ArrayList<>()).add(f);
                }
            });
        }
        List<Bundle> bundles = new ArrayList<>();
        for (Map.Entry<String, List<Path>> e : byEvent.entrySet()) {
            bundles.add(bundle(e.getKey(), e.getValue()));
        }
        bundles.sort(Comparator.comparing(Bundle::time).thenComparing(Bundle::eventId));
        return bundles;
    }

    /**
     * @param dir     a zprof dump directory
     * @param eventId an event id, or a unique prefix of one
     * @return that event's bundle
     * @throws IOException when the directory cannot be listed or no single event matches
     */
    static Bundle find(Path dir, String eventId) throws IOException {
        List<Bundle> matches = in(dir).stream().filter(b -> b.eventId().startsWith(eventId)).toList();
        if (matches.size() != 1) {
            throw new IOException(matches.isEmpty() ? "no event " + eventId + " in " + dir
                    : "event " + eventId + " is ambiguous in " + dir + ": " + matches.stream().map(Bundle::eventId).toList());
        }
        return matches.get(0);
    }

    /**
     * @param bundle an event bundle
     * @param type   a file type, e.g. {@code heap}
     * @param ext    its extension, e.g. {@code hprof}
     * @return the bundle's file of that type
     */
    static Optional<Path> file(Bundle bundle, String type, String ext) {
        return bundle.files().stream().filter(f -> {
            Matcher m = NAME.matcher(f.getFileName().toString());
            return m.matches() && m.group(1).equals(type) && m.group(4).equals(ext);
        }).findFirst();
    }

    private static Bundle bundle(String eventId, List<Path> files) {
        Instant stamp = stamp(files.get(0));
        Optional<Path> timeline = files.stream().filter(f -> f.getFileName().toString().startsWith("timeline_")
                && f.getFileName().toString().endsWith(".json")).findFirst();
        if (timeline.isPresent()) {
            try {
                JsonNode t = JSON.readTree(timeline.get().toFile());
                Instant time = t.hasNonNull("time") ? Instant.parse(t.get("time").asText()) : stamp;
                return new Bundle(eventId, t.path("rule").asText("?"), time, t.path("reason").asText(""), List.copyOf(files));
            } catch (IOException | RuntimeException e) {
                return new Bundle(eventId, "?", stamp, "timeline unreadable: " + e.getMessage(), List.copyOf(files));
            }
        }
        return new Bundle(eventId, "?", stamp, "", List.copyOf(files));
    }

    private static Instant stamp(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        m.matches();
        return LocalDateTime.parse(m.group(2), STAMP).toInstant(ZoneOffset.UTC);
    }
}
