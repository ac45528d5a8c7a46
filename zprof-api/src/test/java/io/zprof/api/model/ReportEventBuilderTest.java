package io.zprof.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportEventBuilderTest {
    @Test
    void buildsEveryComponentByName() {
        Instant t = Instant.parse("2026-01-02T03:04:05Z");
        ArtifactRef a = new ArtifactRef("x.jfr", "cpu", Path.of("/tmp/x.jfr"), 7);
        ReportEvent built = ReportEvent.builder().eventId("e1").type(EventType.DRY_RUN).time(t).rule("cpu").value(91)
                .average(40).reason("fired").thresholds(Map.of("abs", 90.0)).labels(Map.of("app", "a"))
                .artifacts(List.of(a)).error("none").from(t.minusSeconds(5)).until(t).build();
        assertEquals(new ReportEvent("e1", EventType.DRY_RUN, t, "cpu", 91, 40, "fired", Map.of("abs", 90.0),
                Map.of("app", "a"), List.of(a), "none", t.minusSeconds(5), t), built);
        assertEquals(built, built.toBuilder().build());
        assertEquals("other", built.toBuilder().rule("other").build().rule());
    }

    @Test
    void unsetComponentsTakeTheDocumentedDefaults() {
        ReportEvent e = ReportEvent.builder().build();
        assertEquals(EventType.TRIGGER, e.type());
        assertEquals(Instant.EPOCH, e.time());
        assertTrue(Double.isNaN(e.value()) && Double.isNaN(e.average()));
        assertEquals(Map.of(), e.thresholds());
        assertEquals(List.of(), e.artifacts());
        assertNull(e.error());
    }
}
