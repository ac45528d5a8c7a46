package io.zprof.core.internal.engine;

import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.ArtifactRef;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.DumpOutcome;
import io.zprof.api.model.DumpRequest;
import io.zprof.api.port.Dumper;
import io.zprof.core.internal.dump.EventFiles;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last step of a capture: the dumper of {@link DumpKind#REPORT} (zprof-dumper-jfr's {@code report} provider)
 * writes the incident report from the files already sealed. The report is a summary of evidence that exists anyway,
 * so a failure here is logged and costs only the report: the event still ships with every other file.
 */
final class IncidentReportStep {
    private static final Logger LOG = LoggerFactory.getLogger(IncidentReportStep.class);

    private IncidentReportStep() {
    }

    /**
     * @param job     the capture
     * @param files   where the report is written
     * @param written the event's files so far
     * @return the report's files (empty when no dumper writes reports, nothing was written, or it failed)
     */
    static List<ArtifactRef> write(CaptureJob job, EventFiles files, List<ArtifactRef> written) {
        Components comps = job.generation().components();
        Dumper dumper = comps == null ? null : comps.dumpers.get(DumpKind.REPORT);
        if (dumper == null || written.isEmpty()) {
            return List.of();
        }
        ZprofConfig cfg = job.generation().config();
        try {
            DumpOutcome outcome = dumper.dump(new DumpRequest(DumpKind.REPORT, job.eventId(), job.rule(), job.reason(),
                    job.time(), Duration.ZERO, cfg.dump().binary(), cfg.dump().text(),
                    written.stream().map(ArtifactRef::path).toList(), files));
            if (outcome.skipped()) {
                LOG.info("zprof: no incident report for event {}: {}", job.eventId(), outcome.detail());
            }
            return files.seal(DumpKind.REPORT.key());
        } catch (Exception | Error e) {
            files.discard();
            LOG.warn("zprof: the incident report of event {} was not written (the event ships without it)",
                    job.eventId(), e);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return List.of();
        }
    }
}
