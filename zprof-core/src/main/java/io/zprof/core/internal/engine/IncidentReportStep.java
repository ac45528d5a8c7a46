package io.zprof.core.internal.engine;

import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.ArtifactRef;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.DumpOutcome;
import io.zprof.api.model.DumpRequest;
import io.zprof.api.port.Dumper;
import io.zprof.core.internal.dump.EventFiles;
import java.io.IOException;
import java.nio.file.Path;
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
        Dumper dumper = reportDumper(job);
        if (dumper == null || written.isEmpty()) {
            return List.of();
        }
        try {
            DumpOutcome outcome = dumper.dump(request(job, files, written.stream().map(ArtifactRef::path).toList()));
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

    /**
     * Rebuilds the report of an event already published from the event's files in the directory now (after the
     * holder analysis added its files), replacing the earlier report in one rename.
     *
     * @param job    the capture
     * @param dumper the report dumper of the capture's components, or {@code null}
     * @param files  the event's files
     * @throws IOException when the report cannot be written
     */
    static void rebuild(CaptureJob job, Dumper dumper, EventFiles files) throws IOException {
        if (dumper == null) {
            return;
        }
        List<Path> existing = files.existing().stream()
                .filter(p -> !p.getFileName().toString().startsWith(DumpKind.REPORT.key() + "_")).toList();
        try {
            dumper.dump(request(job, files, existing));
            files.sealReplacing(DumpKind.REPORT.key());
        } finally {
            files.discard();
        }
    }

    /** @param job a capture @return the report dumper of its components, or {@code null} */
    static Dumper reportDumper(CaptureJob job) {
        Components comps = job.generation().components();
        return comps == null ? null : comps.dumpers.get(DumpKind.REPORT);
    }

    private static DumpRequest request(CaptureJob job, EventFiles files, List<Path> related) {
        ZprofConfig cfg = job.generation().config();
        return new DumpRequest(DumpKind.REPORT, job.eventId(), job.rule(), job.reason(), job.time(), Duration.ZERO,
                cfg.dump().binary(), cfg.dump().text(), related, files);
    }
}
