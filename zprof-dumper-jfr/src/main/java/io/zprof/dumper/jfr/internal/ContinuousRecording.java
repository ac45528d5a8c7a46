package io.zprof.dumper.jfr.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import jdk.jfr.Recording;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JFR recording that runs for the dumper's whole life in a bounded on-disk ring (max age, max size). It serves
 * the pre-trigger window ({@link #dump}) and continuous-profiling chunks ({@link #rotate}). Thread-safe.
 */
final class ContinuousRecording implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ContinuousRecording.class);

    private final String name;
    private final Map<String, String> settings;
    private final Duration maxAge;
    private final long maxSize;
    private Recording current;

    private ContinuousRecording(String name, Map<String, String> settings, Duration maxAge, long maxSize) {
        this.name = name;
        this.settings = Map.copyOf(settings);
        this.maxAge = maxAge;
        this.maxSize = maxSize;
    }

    /**
     * @param name     recording name, starting with {@link JfrSettings#RECORDING_PREFIX}
     * @param settings JFR settings from {@link JfrSettings}
     * @param maxAge   how far back the ring reaches
     * @param maxSize  the ring's byte budget
     * @return the running recording
     */
    static ContinuousRecording start(String name, Map<String, String> settings, Duration maxAge, long maxSize) {
        ContinuousRecording r = new ContinuousRecording(name, settings, maxAge, maxSize);
        r.current = r.newRecording();
        return r;
    }

    private Recording newRecording() {
        PeriodicTaskGuard.ensureStarted();
        Recording r = new Recording(settings);
        try {
            r.setName(name);
            r.setToDisk(true);
            r.setMaxAge(maxAge);
            r.setMaxSize(maxSize);
            r.start();
            return r;
        } catch (RuntimeException e) {
            r.close();
            throw e;
        }
    }

    /**
     * Writes what the ring holds now (everything up to this call) without stopping it.
     *
     * @param target a file that does not exist yet
     * @throws IOException when the file cannot be written, or the recording was closed
     */
    synchronized void dump(Path target) throws IOException {
        running().dump(target);
    }

    /**
     * Writes the ring's chunks that began before an instant, without stopping it: starting another recording to
     * disk begins a new chunk, so the chunks before that recording's start hold what happened before it.
     *
     * @param end    the instant (JFR's clock)
     * @param target a file that does not exist yet
     * @throws IOException when the file cannot be written, or the recording was closed
     */
    synchronized void dumpUntil(Instant end, Path target) throws IOException {
        // only a stopped recording can be read by range: a stopped copy holds the ring's data up to now
        Recording snapshot = running().copy(true);
        try (InputStream in = snapshot.getStream(null, end);
             OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
            if (in != null) {
                in.transferTo(out);
            }
        } finally {
            snapshot.close();
        }
    }

    /**
     * Ends the current chunk and starts the next one, so consecutive chunks never overlap: stop, start anew, then
     * write the stopped one (the gap is the few milliseconds between stop and start, never an overlap).
     *
     * @param target a file that does not exist yet, for the chunk since the previous rotation (or the start)
     * @throws IOException when the file cannot be written, or the recording was closed
     */
    synchronized void rotate(Path target) throws IOException {
        Recording finished = running();
        finished.stop();
        current = null;
        try {
            current = newRecording();
        } catch (RuntimeException e) {
            // keep the finished chunk; the next rotation reports that the recording is not running
            LOG.warn("JFR recording '{}' could not restart after a chunk; continuous profiling stops", name, e);
        }
        try {
            finished.dump(target);
        } finally {
            finished.close();
        }
    }

    private Recording running() throws IOException {
        if (current == null) {
            throw new IOException("JFR recording '" + name + "' is not running (closed, or its restart failed)");
        }
        return current;
    }

    /** Stops and discards the recording. Idempotent. */
    @Override
    public synchronized void close() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
