package io.zprof.core.internal.engine;

import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.ArtifactRef;
import io.zprof.core.internal.dump.EventFiles;
import io.zprof.core.internal.dump.EventSettings;
import io.zprof.core.internal.dump.TimelineWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The step of a capture after its dumps: the metric timeline ({@code timeline_*.json}), the rule's recent samples with
 * its thresholds and the settings in force, which the incident report charts. A failure costs only this file.
 */
final class TimelineStep {
    private TimelineStep() {
    }

    /**
     * @param job    the capture
     * @param files  where the timeline is written
     * @param errors where a failure is told, as {@code timeline: <why>}
     * @return the timeline's file, or nothing when it could not be written
     */
    static List<ArtifactRef> write(CaptureJob job, EventFiles files, List<String> errors) {
        ZprofConfig cfg = job.generation().config();
        try {
            Path timeline = files.newFile("timeline", "json");
            TimelineWriter.write(timeline, new TimelineWriter.Header(job.eventId(), job.rule(), job.time(),
                    job.value(), job.average(), job.reason(), job.ruleConfig(), cfg.labels(), job.metric(),
                    job.thresholds(), EventSettings.of(cfg)), CaptureContents.timeline(job));
            return files.seal("timeline");
        } catch (IOException e) {
            files.discard();
            errors.add("timeline: " + e.getMessage());
            return List.of();
        }
    }
}
