package io.zprof.reporter.http;

import io.zprof.api.model.ArtifactRef;
import io.zprof.api.model.EventType;
import io.zprof.api.model.ReportEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Events with real files as artifacts. */
final class TestEvents {
    static final Instant TIME = Instant.parse("2026-03-01T10:15:30Z");

    private TestEvents() {
    }

    static ReportEvent event(String id, Path... artifacts) throws IOException {
        List<ArtifactRef> refs = new ArrayList<>();
        for (Path p : artifacts) {
            String name = p.getFileName().toString();
            refs.add(new ArtifactRef(name, name.substring(0, name.indexOf('_')), p, Files.size(p)));
        }
        return ReportEvent.builder().eventId(id).type(EventType.TRIGGER).time(TIME).rule("cpu").value(91.5)
                .average(40.25).reason("cpu 91.5% > abs 80%")
                .thresholds(Map.of("min", 20.0, "abs", 80.0, "diff", 25.0))
                .labels(Map.of("app", "checkout", "env", "prod")).artifacts(refs).from(TIME.minusSeconds(30))
                .until(TIME.plusSeconds(10)).build();
    }
}
