package io.zprof.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zprof.it.scenario.ScenarioMain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link ScenarioMain} in a child JVM ({@code -Xmx256m}, this JVM's class path) and reads back the events and
 * measurements it printed. A child that does not finish in time is killed and the test fails with its output.
 */
final class ChildJvm {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    /**
     * What a child printed.
     *
     * @param events   its {@code ZPROF-EVENT} lines
     * @param measures its {@code ZPROF-MEASURE} lines
     * @param dumpDir  the dump directory it used
     */
    record Result(List<ChildEvent> events, List<JsonNode> measures, Path dumpDir) {
        /** @return the events of one rule, in the order they were published */
        List<ChildEvent> of(String rule) {
            return events.stream().filter(e -> e.rule().equals(rule)).toList();
        }

        /** @return the only event of the rule (fails when there is none or more than one) */
        ChildEvent single(String rule) {
            List<ChildEvent> list = of(rule);
            assertEquals(1, list.size(), "exactly one " + rule + " event: " + events);
            return list.get(0);
        }

        /** @return the measurement named {@code what} */
        JsonNode measure(String what) {
            return measures.stream().filter(m -> m.path("what").asText().equals(what)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + what + " measurement in " + measures));
        }
    }

    private ChildJvm() {
    }

    /**
     * @param scenario a scenario of {@link ScenarioMain}
     * @param work     a private directory for the child's output; its dump directory is {@code work/dumps}
     * @return what the child printed, once it exited with 0
     */
    static Result run(String scenario, Path work) throws IOException, InterruptedException {
        Path dumps = work.resolve("dumps");
        Path out = work.resolve(scenario + ".out");
        Path err = work.resolve(scenario + ".err");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                ScenarioMain.class.getName(), scenario, dumps.toString());
        Process child = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!child.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            child.destroyForcibly().waitFor();
            fail("scenario " + scenario + " did not finish within " + TIMEOUT + "\n" + output(out, err));
        }
        if (child.exitValue() != 0) {
            fail("scenario " + scenario + " exited with " + child.exitValue() + "\n" + output(out, err));
        }
        List<ChildEvent> events = new ArrayList<>();
        List<JsonNode> measures = new ArrayList<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            if (line.startsWith("ZPROF-EVENT ")) {
                events.add(ChildEvent.parse(JSON.readTree(line.substring("ZPROF-EVENT ".length())), dumps));
            } else if (line.startsWith("ZPROF-MEASURE ")) {
                measures.add(JSON.readTree(line.substring("ZPROF-MEASURE ".length())));
            }
        }
        return new Result(events, measures, dumps);
    }

    private static String output(Path out, Path err) throws IOException {
        return "--- stdout ---\n" + tail(out) + "\n--- stderr ---\n" + tail(err);
    }

    private static String tail(Path file) throws IOException {
        String s = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(none)";
        return s.length() > 20_000 ? "..." + s.substring(s.length() - 20_000) : s;
    }
}
