package io.zprof.core.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zprof.api.model.ArtifactRef;
import io.zprof.api.model.ReportEvent;
import java.nio.file.Path;
import java.time.Instant;

/**
 * {@link ZprofStatus#toJson()}: the same status for machines. Field names say their unit ({@code freeBytes},
 * {@code sizeBytes}); metric values keep the metric's unit next to them and a {@code display} form; times are
 * ISO-8601; unknown numbers (NaN) are {@code null}.
 */
final class StatusJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StatusJson() {
    }

    static String toJson(ZprofStatus s) {
        ObjectNode root = JSON.createObjectNode();
        root.put("running", s.running());
        root.put("configuration", s.generation());
        root.put("dryRun", s.dryRun());
        root.set("dumpDirectory", dumpDirectory(s.dumpDirectory()));
        if (s.configFile() != null) {
            ObjectNode f = root.putObject("configFile");
            f.put("path", s.configFile().path().toString());
            time(f, "lastApplied", s.configFile().lastApplied());
            f.put("lastError", s.configFile().lastError());
            time(f, "lastErrorTime", s.configFile().lastErrorTime());
        }
        ArrayNode rules = root.putArray("rules");
        for (RuleStatus r : s.rules()) {
            ObjectNode n = rules.addObject();
            n.put("rule", r.rule());
            n.put("enabled", r.enabled());
            number(n, "value", r.value());
            number(n, "average", r.average());
            n.put("reason", r.reason());
            n.put("firedCount", r.firedCount());
            time(n, "lastFired", r.lastFired());
            if (r.lastEvent() != null) {
                n.set("lastEvent", event(r.lastEvent()));
            }
        }
        ArrayNode metrics = root.putArray("metrics");
        for (MetricValue m : s.metrics()) {
            ObjectNode n = metrics.addObject();
            n.put("metric", m.metric().key());
            number(n, "value", m.value());
            n.put("unit", m.metric().unit());
            n.put("display", m.display());
            n.put("source", m.source().name());
            n.put("origin", m.origin());
        }
        ArrayNode providers = root.putArray("providers");
        for (ProviderStatus p : s.providers()) {
            ObjectNode n = providers.addObject();
            n.put("type", p.type());
            n.put("name", p.name());
            n.put("className", p.className());
            n.put("priority", p.priority());
            n.put("state", p.state().name());
            n.put("detail", p.detail());
            p.selectedFor().forEach(n.putArray("selectedFor")::add);
        }
        ObjectNode counters = root.putObject("counters");
        s.counters().forEach(counters::put);
        ArrayNode reporters = root.putArray("reporters");
        for (ReporterStatus r : s.reporters()) {
            ObjectNode n = reporters.addObject();
            n.put("name", r.name());
            n.put("spoolState", r.spoolState().name());
            n.put("spoolError", r.spoolError());
            n.put("queued", r.queued());
            n.put("spooled", r.spooled());
            n.put("spooledBytes", r.spooledBytes());
            n.put("enqueued", r.enqueued());
            n.put("recovered", r.recovered());
            n.put("delivered", r.delivered());
            n.put("skipped", r.skipped());
            n.put("attempts", r.attempts());
            n.put("retries", r.retries());
            n.put("timeouts", r.timeouts());
            n.put("failedPermanent", r.failedPermanent());
            n.put("droppedQueueFull", r.droppedQueueFull());
            n.put("refusedSpoolFull", r.refusedSpoolFull());
            n.put("droppedOnClose", r.droppedOnClose());
            n.put("refusedSpoolArtifacts", r.refusedSpoolArtifacts());
            n.put("lastError", r.lastError());
            time(n, "lastErrorTime", r.lastErrorTime());
            time(n, "lastSuccess", r.lastSuccess());
        }
        ArrayNode events = root.putArray("recentEvents");
        s.recentEvents().forEach(e -> events.add(event(e)));
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the status as JSON", e);
        }
    }

    private static ObjectNode dumpDirectory(DumpDirectoryStatus d) {
        ObjectNode n = JSON.createObjectNode();
        n.put("path", d.path() == null ? null : d.path().toString());
        n.put("usable", d.usable());
        if (d.freeBytes() >= 0) {
            n.put("freeBytes", d.freeBytes());
        } else {
            n.putNull("freeBytes");
        }
        n.put("partialFilesRemoved", d.partialFilesRemoved());
        n.put("partialBytesRemoved", d.partialBytesRemoved());
        n.put("lastError", d.lastError());
        time(n, "lastErrorTime", d.lastErrorTime());
        return n;
    }

    private static ObjectNode event(ReportEvent e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("eventId", e.eventId());
        n.put("type", e.type().name());
        time(n, "time", e.time());
        n.put("rule", e.rule());
        n.put("reason", e.reason());
        n.put("error", e.error());
        Path dir = StatusText.directoryOf(e.artifacts());
        n.put("directory", dir == null ? null : dir.toString());
        ArrayNode files = n.putArray("files");
        for (ArtifactRef a : e.artifacts()) {
            ObjectNode f = files.addObject();
            f.put("name", a.name());
            f.put("kind", a.kind());
            f.put("path", a.path() == null ? null : a.path().toString());
            f.put("sizeBytes", a.sizeBytes());
        }
        return n;
    }

    private static void number(ObjectNode n, String field, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            n.putNull(field);
        } else {
            n.put(field, v);
        }
    }

    private static void time(ObjectNode n, String field, Instant t) {
        n.put(field, t == null ? null : t.toString());
    }
}
