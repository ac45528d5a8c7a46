package io.zprof.it.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zprof.api.model.ArtifactRef;
import io.zprof.api.model.ReportEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The child's event listener: keeps every event with the wall-clock time it arrived and prints it as one
 * {@code ZPROF-EVENT <json>} line for the parent test to parse.
 */
final class ScenarioEvents implements Consumer<ReportEvent> {
    /** Prefix of an event line. */
    static final String EVENT = "ZPROF-EVENT ";
    /** Prefix of a time-to-evidence line. */
    static final String MEASURE = "ZPROF-MEASURE ";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An event and when the listener got it ({@code System.currentTimeMillis()}). */
    record Received(ReportEvent event, long receivedMillis) {
    }

    private final List<Received> received = new ArrayList<>();

    @Override
    public void accept(ReportEvent e) {
        long now = System.currentTimeMillis();
        ObjectNode line = JSON.createObjectNode()
                .put("eventId", e.eventId())
                .put("type", e.type().name())
                .put("rule", e.rule())
                .put("value", e.value())
                .put("reason", e.reason())
                .put("error", e.error())
                .put("time", e.time().toEpochMilli())
                .put("receivedMillis", now);
        ArrayNode names = line.putArray("artifacts");
        for (ArtifactRef a : e.artifacts()) {
            names.add(a.name());
        }
        print(EVENT, line);
        synchronized (this) {
            received.add(new Received(e, now));
            notifyAll();
        }
    }

    /** @return the events of the rule received so far */
    synchronized List<Received> of(String rule) {
        return received.stream().filter(r -> r.event().rule().equals(rule)).toList();
    }

    /**
     * @return the first {@code count} events of the rule, or fewer when they did not arrive within the timeout
     */
    synchronized List<Received> await(String rule, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Received> got = of(rule);
        while (got.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return got;
            }
            wait(Math.max(1, left / 1_000_000));
            got = of(rule);
        }
        return got.subList(0, count);
    }

    /** Prints a time-to-evidence measurement as one {@code ZPROF-MEASURE <json>} line. */
    static void measure(String what, Map<String, Object> fields) {
        ObjectNode line = JSON.createObjectNode().put("what", what);
        fields.forEach((k, v) -> line.set(k, JSON.valueToTree(v)));
        print(MEASURE, line);
    }

    private static void print(String prefix, ObjectNode line) {
        try {
            System.out.println(prefix + JSON.writeValueAsString(line));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
