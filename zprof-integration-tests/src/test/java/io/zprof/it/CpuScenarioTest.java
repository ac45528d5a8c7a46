package io.zprof.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CPU burn in a child JVM fires the cpu rule (absolute threshold); the burning method is in the post-trigger cpu
 * profile and in the pre-trigger window, and it is still in the window when the burn stops the moment the rule
 * fires, when the post-trigger profile has (almost) none of it.
 */
class CpuScenarioTest {
    private static final String HOT_METHOD = "scenarioCpuBurnHotLoop";
    private static final String SAMPLE = "jdk.ExecutionSample";

    @TempDir
    Path work;

    @Test
    void aCpuBurnIsInTheCpuProfileAndInThePreTriggerWindow() throws Exception {
        ChildJvm.Result run = ChildJvm.run("cpu", work);
        ChildEvent cpu = run.single("cpu");
        assertEquals("TRIGGER", cpu.type());
        assertTrue(cpu.reason().startsWith("fired: ") && cpu.reason().contains("> abs 35.0"), cpu.reason());
        assertTrue(cpu.value() > 35, "fired on a value above abs: " + cpu.value());
        assertNull(cpu.error(), "every capture worked");

        long inProfile = Evidence.eventsWithFrame(cpu.artifact("cpu", "jfr"), SAMPLE, HOT_METHOD);
        long inWindow = Evidence.eventsWithFrame(cpu.artifact("window", "jfr"), SAMPLE, HOT_METHOD);
        assertTrue(inProfile > 0, "the burn is in the post-trigger cpu profile");
        assertTrue(inWindow > 0, "the burn is in the pre-trigger window");
        assertTrue(Files.readString(cpu.artifact("cpu", "txt")).contains(HOT_METHOD), "and in its text summary");
        assertTrue(cpu.artifacts().get(0).startsWith("report_"), "the incident report comes first: " + cpu.artifacts());
        String report = Files.readString(cpu.artifact("report", "html"));
        assertTrue(report.matches("(?s).*<svg class=\"flamegraph\" id=\"flame-window\".*<g class=\"frame\" data-name=\"[^\"]*"
                + HOT_METHOD + "\" data-samples=\"[1-9].*"), "the burn is in the report's window flame graph");

        Set<String> metrics = Evidence.checkTimeline(cpu);
        assertTrue(metrics.contains("cpupercent"), "the CPU % history is in the timeline: " + metrics);
        assertEquals(Set.of("DERIVED"), Evidence.timelineSources(cpu, "cpupercent"));
        Evidence.checkPrivate(run.dumpDir());
        // measured, not asserted: the part of the spike neither file holds, while the window is written
        ObjectNode measure = (ObjectNode) run.measure("cpu");
        measure.put("windowLastToCpuProfileFirstSampleGapMs", Duration.between(
                sampleTimes(cpu.artifact("window", "jfr")).max(Comparator.naturalOrder()).orElseThrow(),
                sampleTimes(cpu.artifact("cpu", "jfr")).min(Comparator.naturalOrder()).orElseThrow()).toMillis());
        TimeToEvidence.report(measure);
    }

    private static Stream<Instant> sampleTimes(Path jfr) throws IOException {
        return Evidence.events(jfr, e -> e.getEventType().getName().equals(SAMPLE) && Evidence.hasFrame(e, HOT_METHOD))
                .stream().map(RecordedEvent::getStartTime);
    }

    @Test
    void theWindowHoldsASpikeThatStoppedWhenTheRuleFired() throws Exception {
        ChildJvm.Result run = ChildJvm.run("cpu-stop", work);
        ChildEvent cpu = run.single("cpu");
        assertTrue(cpu.reason().startsWith("fired: "), cpu.reason());
        assertNull(cpu.error(), "every capture worked");

        long inProfile = Evidence.eventsWithFrame(cpu.artifact("cpu", "jfr"), SAMPLE, HOT_METHOD);
        long inWindow = Evidence.eventsWithFrame(cpu.artifact("window", "jfr"), SAMPLE, HOT_METHOD);
        assertTrue(inWindow > 0, "the spike is in the window although it ended at the trigger");
        assertTrue(inWindow > inProfile, "the window holds more of the spike than the post-trigger profile: window "
                + inWindow + ", profile " + inProfile);
        Evidence.checkTimeline(cpu);
        Evidence.checkPrivate(run.dumpDir());
        TimeToEvidence.report(run.measure("cpu-stop"));
    }
}
