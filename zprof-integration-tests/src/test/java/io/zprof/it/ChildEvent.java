package io.zprof.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One event a scenario child printed.
 *
 * @param eventId   event id
 * @param type      TRIGGER, DRY_RUN or PROFILE_CHUNK
 * @param rule      rule name
 * @param value     value that fired
 * @param reason    the engine's reason
 * @param error     capture problems, or null
 * @param artifacts file names, in the dump directory
 * @param dumpDir   the dump directory
 */
record ChildEvent(String eventId, String type, String rule, double value, String reason, String error,
                  List<String> artifacts, Path dumpDir) {

    static ChildEvent parse(JsonNode n, Path dumpDir) {
        List<String> names = new ArrayList<>();
        n.path("artifacts").forEach(a -> names.add(a.asText()));
        return new ChildEvent(n.path("eventId").asText(), n.path("type").asText(), n.path("rule").asText(),
                n.path("value").asDouble(), n.path("reason").asText(), n.path("error").isNull() ? null : n.path("error").asText(),
                List.copyOf(names), dumpDir);
    }

    /**
     * @param type      the first part of the file name ({@code cpu}, {@code heapdiff})
     * @param extension the extension without dot
     * @return the artifact's path; fails when the event has none or the file is missing
     */
    Path artifact(String type, String extension) {
        String name = artifacts.stream().filter(a -> a.startsWith(type + "_") && a.endsWith("." + extension)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + "_*." + extension + " in " + this));
        assertTrue(name.contains("_" + eventId + "."), "file name carries the event id: " + name);
        Path p = dumpDir.resolve(name);
        assertTrue(Files.isRegularFile(p), p + " exists");
        return p;
    }

    /** @return whether the event has an artifact of this type and extension */
    boolean has(String type, String extension) {
        return artifacts.stream().anyMatch(a -> a.startsWith(type + "_") && a.endsWith("." + extension));
    }
}
