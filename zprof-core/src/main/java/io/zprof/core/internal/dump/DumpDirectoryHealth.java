package io.zprof.core.internal.dump;

import io.zprof.core.status.DumpDirectoryStatus;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the engine knows about its dump directory between captures, for {@code status()} and for the log: a
 * directory that breaks while running (deleted, made read-only, disk full) is logged at ERROR once, not once per
 * capture, and again only after it worked in between. Thread-safe.
 */
public final class DumpDirectoryHealth {
    private static final Logger LOG = LoggerFactory.getLogger(DumpDirectoryHealth.class);

    private final Clock clock;
    private Path path;
    private boolean usable = true;
    private boolean errorLogged;
    private long partialFilesRemoved;
    private long partialBytesRemoved;
    private String lastError;
    private Instant lastErrorTime;

    /** @param clock for the time of the last error */
    public DumpDirectoryHealth(Clock clock) {
        this.clock = clock;
    }

    /** @param directory a directory zprof just wrote in (or checked it could) */
    synchronized void usable(Path directory) {
        if (!usable && directory.equals(path)) {
            LOG.info("zprof: dump directory {} is usable again", directory);
        }
        path = directory;
        usable = true;
        errorLogged = false;
    }

    /**
     * @param directory the dump directory
     * @param error     why nothing could be written there; names {@code zprof.dump.path} where it is about the
     *                  directory itself
     */
    public synchronized void unusable(Path directory, String error) {
        path = directory;
        usable = false;
        failed(error);
    }

    /**
     * A write into the directory failed while the directory itself is fine (disk full during a heap dump).
     *
     * @param error what failed
     */
    public synchronized void writeFailed(String error) {
        failed(error);
    }

    private void failed(String error) {
        lastError = error;
        lastErrorTime = clock.instant();
        if (!errorLogged) {
            errorLogged = true;
            LOG.error("zprof: dump directory problem, evidence is not written until it is fixed (logged once; see "
                    + "status()): {}", error);
        } else {
            LOG.debug("zprof: dump directory still unusable: {}", error);
        }
    }

    /**
     * @param files partial files of dead writers just removed
     * @param bytes their size
     */
    synchronized void partialFilesRemoved(int files, long bytes) {
        partialFilesRemoved += files;
        partialBytesRemoved += bytes;
    }

    /** @return a snapshot for {@code status()}, with the free space read now */
    public DumpDirectoryStatus status() {
        DumpDirectoryStatus s;
        synchronized (this) {
            s = new DumpDirectoryStatus(path, usable, partialFilesRemoved, partialBytesRemoved, lastError, lastErrorTime);
        }
        return new DumpDirectoryStatus(s.path(), s.usable(), s.partialFilesRemoved(), s.partialBytesRemoved(),
                s.lastError(), s.lastErrorTime(), freeBytes(s.path()));
    }

    /** @return usable space on the directory's file system, or -1 when the directory is unknown or unreadable */
    private static long freeBytes(Path directory) {
        if (directory == null) {
            return -1;
        }
        try {
            return Files.getFileStore(directory).getUsableSpace();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * @param e what a dumper threw
     * @return whether the failure is the dump directory's (full, read-only, gone), which status() reports and logs
     *         once, rather than the capture's own (a tool that failed, an interrupted capture during stop())
     */
    public static boolean isDirectoryFault(IOException e) {
        if (e instanceof InterruptedIOException) {
            return false;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (t instanceof FileSystemException || message != null && (message.contains("No space left on device")
                    || message.contains("Read-only file system") || message.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }
}
