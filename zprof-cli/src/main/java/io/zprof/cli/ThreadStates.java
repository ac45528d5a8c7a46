package io.zprof.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** How many threads of a jstack-style dump are in each state. */
final class ThreadStates {
    private static final String STATE = "java.lang.Thread.State: ";

    private ThreadStates() {
    }

    /**
     * @param dump a {@code threads_*.txt} file
     * @return the count per state, then the path to read the stacks
     * @throws IOException when the file cannot be read
     */
    static String render(Path dump) throws IOException {
        Map<String, Integer> states = new TreeMap<>();
        int threads = 0;
        for (String line : Files.readAllLines(dump, StandardCharsets.UTF_8)) {
            if (line.startsWith("\"")) {
                threads++;
            }
            int at = line.indexOf(STATE);
            if (at >= 0) {
                String state = line.substring(at + STATE.length()).trim();
                int space = state.indexOf(' ');
                states.merge(space > 0 ? state.substring(0, space) : state, 1, Integer::sum);
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("thread dump ").append(dump.getFileName()).append(": ").append(threads).append(" threads\n");
        states.forEach((state, n) -> out.append(String.format("%8d  %s%n", n, state)));
        out.append("stacks: ").append(dump).append('\n');
        return out.toString();
    }
}
