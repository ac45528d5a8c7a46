package io.zprof.support.jfr;

import io.zprof.api.model.DumpRequest;
import io.zprof.api.port.DumpOutput;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Writes a capture's JFR file through the engine's {@link DumpOutput}, without the events a filter drops (zprof's own
 * threads), from JDK 19 on, which can rewrite a recording ({@code RecordingFile.write(Path, Predicate)}); on JDK 17
 * and 18 the file keeps them. A half-written file is never left behind as evidence.
 */
public final class JfrFileWriter {
    /** {@code RecordingFile.write(Path, Predicate)}, or null before JDK 19. */
    private static final MethodHandle WRITE = findWrite();

    /** How a capture's JFR data is produced. */
    @FunctionalInterface
    public interface Source {
        /**
         * @param target a file that does not exist yet
         * @throws IOException when it cannot be written
         */
        void writeTo(Path target) throws IOException;
    }

    /** What else a capture makes of its finished JFR file, e.g. a flame graph. */
    @FunctionalInterface
    public interface Extra {
        /**
         * @param jfr the finished file, deleted afterwards when the request's binary form is off
         * @throws IOException when it cannot be read or the extra file written
         */
        void accept(Path jfr) throws IOException;
    }

    private JfrFileWriter() {
    }

    private static MethodHandle findWrite() {
        try {
            return MethodHandles.publicLookup().findVirtual(RecordingFile.class, "write",
                    MethodType.methodType(void.class, Path.class, Predicate.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }

    /** @return whether this JDK can rewrite a recording without some of its events */
    public static boolean canRewrite() {
        return WRITE != null;
    }

    /**
     * Copies a recording without the events the filter drops. Needs {@link #canRewrite()}.
     *
     * @param from a finished recording
     * @param to   a file that does not exist yet
     * @param drop the events to leave out
     * @throws IOException when either file cannot be used
     */
    public static void copyWithout(Path from, Path to, Predicate<RecordedEvent> drop) throws IOException {
        if (WRITE == null) {
            throw new IllegalStateException("this JDK cannot rewrite a recording (JDK 19 or later can)");
        }
        Predicate<RecordedEvent> keep = drop.negate();
        try (RecordingFile file = new RecordingFile(from)) {
            WRITE.invoke(file, to, keep);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException("cannot rewrite " + from + ": " + e, e);
        }
    }

    /**
     * Writes the source to {@code <type>.jfr} of the output: where the JDK can rewrite, to a scratch file first (asked
     * for first, so that the recording is the file in progress if anything fails) that is copied without the dropped
     * events and deleted.
     *
     * @param output the capture's output
     * @param type   the file type ({@code cpu}, {@code window})
     * @param source writes the JFR data
     * @param drop   the events to leave out where the JDK can
     * @return the written file
     * @throws IOException when it cannot be written; the half-written file is deleted
     */
    public static Path write(DumpOutput output, String type, Source source, Predicate<RecordedEvent> drop)
            throws IOException {
        Path raw = canRewrite() ? output.newFile(type + "-raw", "jfr") : null;
        Path jfr = output.newFile(type, "jfr");
        try {
            if (raw == null) {
                source.writeTo(jfr);
            } else {
                source.writeTo(raw);
                copyWithout(raw, jfr, drop);
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
        return jfr;
    }

    /**
     * Writes a capture's forms: {@code <type>.jfr} ({@link #write}), its text summary {@code <type>.txt} when the
     * request's text form is on, and the extra, all from the one file, which is deleted at the end when the binary
     * form is off. The caller has checked that one form at least is on.
     *
     * @param request the capture
     * @param type    the file type ({@code cpu}, {@code window})
     * @param source  writes the JFR data
     * @param drop    the events to leave out where the JDK can (the summary leaves them out on every JDK)
     * @param summary the text form
     * @param extra   what else to make of the file
     * @throws IOException when a file cannot be written
     */
    public static void writeForms(DumpRequest request, String type, Source source, Predicate<RecordedEvent> drop,
                                  JfrSummary summary, Extra extra) throws IOException {
        Path jfr = write(request.output(), type, source, drop);
        try {
            if (request.text()) {
                summary.write(jfr, request.output().newFile(type, "txt"));
            }
            extra.accept(jfr);
        } finally {
            if (!request.binary()) {
                Files.deleteIfExists(jfr);
            }
        }
    }
}
