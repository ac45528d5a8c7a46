package io.zprof.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The two heap dumps of a {@code gcheap} series, found from the later event: its timeline's {@code series} setting
 * is the id of the series' first event, whose bundle holds the earlier dump.
 *
 * @param older the series' first dump
 * @param newer the event's own dump
 */
record HeapPair(Path older, Path newer) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param dir     a dump directory
     * @param eventId a later event of a series (id or unique prefix)
     * @return its dump and the series' first one
     * @throws IOException when the event has no heap dump, no series, or the first dump is gone
     */
    static HeapPair of(Path dir, String eventId) throws IOException {
        Bundle later = Bundles.find(dir, eventId);
        Path newer = Bundles.file(later, "heap", "hprof")
                .orElseThrow(() -> new IOException("event " + later.eventId() + " has no heap_*.hprof in " + dir));
        Path timeline = Bundles.file(later, "timeline", "json")
                .orElseThrow(() -> new IOException("event " + later.eventId() + " has no timeline_*.json: name both dumps"));
        String series = JSON.readTree(timeline.toFile()).path("config").path("series").asText("");
        if (series.isEmpty() || series.equals(later.eventId())) {
            throw new IOException("event " + later.eventId() + " is not a later capture of a heap series (no earlier "
                    + "dump to compare with): name both dumps");
        }
        List<Bundle> first = Bundles.in(dir).stream().filter(b -> b.eventId().equals(series)).toList();
        Path older = first.stream().flatMap(b -> Bundles.file(b, "heap", "hprof").stream()).findFirst()
                .orElseThrow(() -> new IOException("the series' first event " + series + " has no heap_*.hprof in " + dir));
        return new HeapPair(older, newer);
    }
}
