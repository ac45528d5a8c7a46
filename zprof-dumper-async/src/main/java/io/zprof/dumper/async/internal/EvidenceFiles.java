package io.zprof.dumper.async.internal;

import io.zprof.api.model.DumpOutcome;
import io.zprof.api.model.DumpRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a capture's JFR file through the engine's {@code DumpOutput}: from a scratch copy rewritten without zprof's
 * own threads where the JDK can ({@link ZprofThreads}). No text summary: the provider is unavailable when only text
 * forms are asked for, so the {@code jfr} dumper serves them.
 */
final class EvidenceFiles {
    /** How a capture's JFR file is produced. */
    @FunctionalInterface
    interface JfrSource {
        /** @param target a file that does not exist yet @throws IOException when it cannot be written */
        void writeTo(Path target) throws IOException;
    }

    /**
     * @param request the capture
     * @param type    the file type ({@code cpu}, {@code window})
     * @param source  writes the JFR data
     * @param notes   what the outcome should say; more may be added
     * @return the outcome
     * @throws IOException when the file cannot be written; a half-written file is deleted
     */
    DumpOutcome write(DumpRequest request, String type, JfrSource source, List<String> notes) throws IOException {
        if (!request.binary()) {
            return DumpOutcome.skipped("the async dumper writes JFR files only and binary forms are off");
        }
        // the scratch copy is asked for first, so that the recording is the file in progress if anything fails
        Path raw = ZprofThreads.canRewrite() ? request.output().newFile(type + "-raw", "jfr") : null;
        Path jfr = request.output().newFile(type, "jfr");
        try {
            if (raw == null) {
                source.writeTo(jfr);
            } else {
                source.writeTo(raw);
                ZprofThreads.copyWithout(raw, jfr);
            }
        } catch (IOException e) {
            Files.deleteIfExists(jfr);
            throw new IOException("cannot write the " + type + " recording to " + jfr + ": " + e, e);
        } catch (RuntimeException | Error e) {
            // a half-written recording must never be kept as evidence
            Files.deleteIfExists(jfr);
            throw e;
        } finally {
            if (raw != null) {
                Files.deleteIfExists(raw);
            }
        }
        if (request.text()) {
            notes.add("no text summary: the async dumper writes the JFR file only (read it with jfr print or JMC)");
        }
        return new DumpOutcome(false, String.join("; ", notes));
    }
}
