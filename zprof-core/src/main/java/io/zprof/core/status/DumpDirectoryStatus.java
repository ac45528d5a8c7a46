package io.zprof.core.status;

import java.nio.file.Path;
import java.time.Instant;

/**
 * The dump directory ({@code zprof.dump.path}) as the last capture or check found it.
 *
 * @param path                the absolute directory, or {@code null} before the first check
 * @param usable              whether the last check or capture could write in it (it is created again when it was
 *                            deleted; a read-only or full file system keeps it unusable)
 * @param partialFilesRemoved partial files of dead writers (a process killed while it wrote a heap dump) removed
 * @param partialBytesRemoved their total size
 * @param lastError           the last problem with the directory or with writing into it (disk full), or
 *                            {@code null}; kept after the directory works again, with its time
 * @param lastErrorTime       when it happened, or {@code null}
 * @param freeBytes           space left for zprof's files on the directory's file system when the status was taken,
 *                            or -1 when it cannot be read
 */
public record DumpDirectoryStatus(Path path, boolean usable, long partialFilesRemoved, long partialBytesRemoved,
                                  String lastError, Instant lastErrorTime, long freeBytes) {
    /**
     * A status whose free space is not known.
     *
     * @param path                the absolute directory, or {@code null} before the first check
     * @param usable              whether the last check or capture could write in it
     * @param partialFilesRemoved partial files of dead writers removed
     * @param partialBytesRemoved their total size
     * @param lastError           the last problem, or {@code null}
     * @param lastErrorTime       when it happened, or {@code null}
     */
    public DumpDirectoryStatus(Path path, boolean usable, long partialFilesRemoved, long partialBytesRemoved,
                               String lastError, Instant lastErrorTime) {
        this(path, usable, partialFilesRemoved, partialBytesRemoved, lastError, lastErrorTime, -1);
    }
}
