package io.zprof.dumper.async.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pre-trigger window's history: finished async-profiler JFR files, oldest first, in a directory only this user
 * can enter, bounded by age (a file goes once it ended more than max age ago) and by size (the oldest go first while
 * the total is over the budget; the newest file always stays). JFR files are sequences of self-contained chunks,
 * so the window is the files written one after the other. Not thread-safe: its window synchronizes.
 *
 * <p>With continuous profiling on ({@link #keepForProfile}), every file added is also kept, as a hard link (a copy
 * where the file system has none), until the next continuous-profiling chunk takes it ({@link #takeProfile}), however
 * old it is: the window's bounds never drop samples a chunk has not taken. Those files are bounded by
 * {@link #PROFILE_MAX_SIZE} in case chunks stop being taken.
 */
final class ChunkRing implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChunkRing.class);

    /** One finished file. @param file its path @param end when its session stopped @param bytes its size */
    private record Chunk(Path file, Instant end, long bytes) {
    }

    private final Path dir;
    private final Duration maxAge;
    private final long maxSize;
    /** Bound of the files waiting for a continuous-profiling chunk, as for the JFR dumper's profiling recording. */
    static final long PROFILE_MAX_SIZE = 64L * 1024 * 1024;

    private final Deque<Chunk> chunks = new ArrayDeque<>();
    private long bytes;
    private long next;
    /** Files not yet taken by a continuous-profiling chunk, oldest first; null while profiling is off. */
    private Deque<Chunk> forProfile;
    private long profileBytes;

    /**
     * @param tempRoot where to create the ring's private directory
     * @param maxAge   how far back it reaches
     * @param maxSize  its byte budget
     * @throws IOException when the directory cannot be created
     */
    ChunkRing(Path tempRoot, Duration maxAge, long maxSize) throws IOException {
        this.dir = Files.createTempDirectory(tempRoot, "zprof-async-window-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        this.maxAge = maxAge;
        this.maxSize = maxSize;
    }

    /** @return a path in the ring's directory for the next session's file; it does not exist yet */
    Path nextFile() {
        return dir.resolve("window-" + (next++) + ".jfr");
    }

    /**
     * Takes a finished file into the ring and drops what is now too old or over budget.
     *
     * @param file a file from {@link #nextFile()}, or elsewhere (then it is copied)
     * @param end  when its session stopped
     * @throws IOException when a copy fails
     */
    void add(Path file, Instant end) throws IOException {
        Path kept = file;
        if (!file.getParent().equals(dir)) {
            kept = nextFile();
            Files.copy(file, kept, StandardCopyOption.COPY_ATTRIBUTES);
        }
        long size = Files.size(kept);
        chunks.addLast(new Chunk(kept, end, size));
        bytes += size;
        if (forProfile != null) {
            keepForProfile(kept, end, size);
        }
        evict(end);
    }

    /** From now on, every file added is kept until a continuous-profiling chunk takes it. */
    void keepForProfile() {
        if (forProfile == null) {
            forProfile = new ArrayDeque<>();
        }
    }

    private void keepForProfile(Path file, Instant end, long size) throws IOException {
        Path link = dir.resolve("profile-" + (next++) + ".jfr");
        try {
            Files.createLink(link, file);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(file, link);
        }
        forProfile.addLast(new Chunk(link, end, size));
        profileBytes += size;
        while (profileBytes > PROFILE_MAX_SIZE && forProfile.size() > 1) {
            Chunk dropped = forProfile.removeFirst();
            profileBytes -= dropped.bytes();
            delete(dropped.file());
            LOG.warn("continuous-profiling samples dropped: no chunk took them and they went over {} bytes",
                    PROFILE_MAX_SIZE);
        }
    }

    /** @return whether files wait for the next continuous-profiling chunk */
    boolean profilePending() {
        return forProfile != null && !forProfile.isEmpty();
    }

    /**
     * Writes every file not yet taken by a continuous-profiling chunk, oldest first, and lets them go.
     *
     * @param target a file that does not exist yet
     * @throws IOException when profiling is off, no file was added since the last chunk, or a file cannot be copied
     */
    void takeProfile(Path target) throws IOException {
        if (forProfile == null || forProfile.isEmpty()) {
            throw new IOException("async-profiler wrote no file since the last continuous-profiling chunk");
        }
        copyAll(forProfile, target);
        for (Chunk c : forProfile) {
            delete(c.file());
        }
        forProfile.clear();
        profileBytes = 0;
    }

    /** @param now the current time; drops files that ended before now − max age, and the oldest over budget */
    void evict(Instant now) {
        Instant horizon = now.minus(maxAge);
        for (Iterator<Chunk> it = chunks.iterator(); it.hasNext() && chunks.size() > 1; ) {
            Chunk c = it.next();
            if (c.end().isBefore(horizon) || bytes > maxSize) {
                it.remove();
                bytes -= c.bytes();
                delete(c.file());
            } else {
                break;
            }
        }
    }

    /** @return the bytes the ring holds */
    long bytes() {
        return bytes;
    }

    /** @return how many files it holds */
    int size() {
        return chunks.size();
    }

    /**
     * @param target a file that does not exist yet: receives every file of the ring, oldest first
     * @throws IOException when nothing is held or a file cannot be copied
     */
    void writeTo(Path target) throws IOException {
        if (chunks.isEmpty()) {
            throw new IOException("the async-profiler window holds no data yet");
        }
        copyAll(chunks, target);
    }

    private static void copyAll(Deque<Chunk> files, Path target) throws IOException {
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
            for (Chunk c : files) {
                Files.copy(c.file(), out);
            }
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot delete the old window file {}: {}", file, e.toString());
        }
    }

    /** Deletes every file and the directory. */
    @Override
    public void close() {
        for (Chunk c : chunks) {
            delete(c.file());
        }
        chunks.clear();
        bytes = 0;
        forProfile = null;
        try (var left = Files.list(dir)) {
            left.forEach(ChunkRing::delete);
        } catch (IOException e) {
            // already gone
        }
        delete(dir);
    }
}
