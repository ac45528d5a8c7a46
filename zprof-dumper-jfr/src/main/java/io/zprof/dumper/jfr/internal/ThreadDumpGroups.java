package io.zprof.dumper.jfr.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A thread dump read back ({@code threads_*.txt} in the jstack layout, or the JDK's JSON dump) and grouped: threads
 * per state, and threads per identical stack, so that 200 threads parked in the same place read as one line.
 */
final class ThreadDumpGroups {
    private static final int EXAMPLES = 3;

    /** Threads sharing a stack. */
    static final class Group {
        final List<String> frames;
        final Set<String> states = new LinkedHashSet<>();
        final Set<String> examples = new LinkedHashSet<>();
        int count;

        Group(List<String> frames) {
            this.frames = frames;
        }
    }

    final Map<String, Integer> byState = new LinkedHashMap<>();
    final Map<String, Group> byStack = new LinkedHashMap<>();
    int threads;

    private ThreadDumpGroups() {
    }

    /**
     * @param file a {@code .txt} (jstack layout) or {@code .json} (JDK) thread dump
     * @return its threads, grouped
     * @throws IOException when it cannot be read
     */
    static ThreadDumpGroups read(Path file) throws IOException {
        ThreadDumpGroups g = new ThreadDumpGroups();
        if (file.getFileName().toString().endsWith(".json")) {
            g.readJson(file);
        } else {
            g.readText(Files.readAllLines(file, StandardCharsets.UTF_8));
        }
        return g;
    }

    private void readText(List<String> lines) {
        String name = null;
        String state = "?";
        List<String> frames = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("\"")) {
                if (name != null) {
                    add(name, state, frames);
                }
                int end = line.indexOf('"', 1);
                name = end > 0 ? line.substring(1, end) : line;
                state = "?";
                frames = new ArrayList<>();
            } else if (name != null && line.trim().startsWith("java.lang.Thread.State: ")) {
                String s = line.trim().substring("java.lang.Thread.State: ".length());
                int space = s.indexOf(' ');
                state = space < 0 ? s : s.substring(0, space);
            } else if (name != null && line.startsWith("\tat ")) {
                frames.add(line.substring(4));
            }
        }
        if (name != null) {
            add(name, state, frames);
        }
    }

    private void readJson(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile()).path("threadDump");
        for (JsonNode container : root.path("threadContainers")) {
            for (JsonNode t : container.path("threads")) {
                List<String> frames = new ArrayList<>();
                for (JsonNode f : t.path("stack")) {
                    frames.add(f.asText());
                }
                // the JSON dump names no state before JDK 24
                add(t.path("name").asText("?"), t.path("state").asText("(not in this JSON dump)"), frames);
            }
        }
    }

    private void add(String name, String state, List<String> frames) {
        threads++;
        byState.merge(state, 1, Integer::sum);
        Group g = byStack.computeIfAbsent(String.join("\n", frames), k -> new Group(frames));
        g.count++;
        g.states.add(state);
        if (g.examples.size() < EXAMPLES) {
            g.examples.add(name);
        }
    }

    /** @return the stack groups, most threads first */
    List<Group> groups() {
        List<Group> out = new ArrayList<>(byStack.values());
        out.sort((a, b) -> Integer.compare(b.count, a.count));
        return out;
    }
}
