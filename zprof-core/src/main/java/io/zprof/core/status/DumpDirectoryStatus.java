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
 */
public record DumpDirectoryStatus(Path path, boolean usable, long partialFilesRemoved, long partialBytesRemoved,
                                  String lastError, Instant lastErrorTime) {
}
