package io.zprof.dumper.async.internal;

import io.zprof.api.model.DumpOutcome;
import io.zprof.api.model.DumpRequest;
import io.zprof.support.jfr.JfrFileWriter;
import io.zprof.support.jfr.ProfileSummary;
import java.io.IOException;
import java.util.List;

/**
 * Writes a capture's files through the engine's {@code DumpOutput}, as the {@code jfr} dumper does and with the same
 * code ({@code zprof-support-jfr}): the JFR file without zprof's own threads where the JDK can rewrite it
 * ({@link ZprofThreads}), and with text forms on its summary ({@link ProfileSummary}: top frames by self and total,
 * threads, classes), which leaves zprof's threads out on every JDK.
 */
final class EvidenceFiles {
    /**
     * @param request the capture
     * @param type    the file type ({@code cpu}, {@code wall}, {@code window}, {@code profile})
     * @param source  writes the JFR data
     * @param notes   what the outcome should say
     * @return the outcome
     * @throws IOException when a file cannot be written; a half-written file is deleted
     */
    DumpOutcome write(DumpRequest request, String type, JfrFileWriter.Source source, List<String> notes)
            throws IOException {
        if (!request.binary() && !request.text()) {
            return DumpOutcome.skipped("binary and text forms are both off for this capture");
        }
        ZprofThreads.remember();
        JfrFileWriter.writeForms(request, type, source, ZprofThreads::isOwn,
                ProfileSummary.forType(type).dropping(ZprofThreads::isOwn), jfr -> { });
        return new DumpOutcome(false, String.join("; ", notes));
    }
}
