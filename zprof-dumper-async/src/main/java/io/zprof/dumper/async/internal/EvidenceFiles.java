package io.zprof.dumper.async.internal;

import io.zprof.api.model.DumpOutcome;
import io.zprof.api.model.DumpRequest;
import io.zprof.support.jfr.JfrFileWriter;
import java.io.IOException;
import java.util.List;

/**
 * Writes a capture's JFR file through the engine's {@code DumpOutput}, without zprof's own threads where the JDK
 * can rewrite it ({@link ZprofThreads}). No text summary: the provider is unavailable when only text forms are asked
 * for, so the {@code jfr} dumper serves them.
 */
final class EvidenceFiles {
    /**
     * @param request the capture
     * @param type    the file type ({@code cpu}, {@code window})
     * @param source  writes the JFR data
     * @param notes   what the outcome should say; more may be added
     * @return the outcome
     * @throws IOException when the file cannot be written; a half-written file is deleted
     */
    DumpOutcome write(DumpRequest request, String type, JfrFileWriter.Source source, List<String> notes)
            throws IOException {
        if (!request.binary()) {
            return DumpOutcome.skipped("the async dumper writes JFR files only and binary forms are off");
        }
        ZprofThreads.remember();
        JfrFileWriter.write(request.output(), type, source, ZprofThreads::isOwn);
        if (request.text()) {
            notes.add("no text summary: the async dumper writes the JFR file only (read it with jfr print or JMC)");
        }
        return new DumpOutcome(false, String.join("; ", notes));
    }
}
