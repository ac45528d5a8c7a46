package io.zprof.core.status;

import java.nio.file.Path;
import java.time.Instant;

/**
 * The watched properties file ({@code zprof.config.file}), as {@code io.zprof.core.ConfigFileWatcher} last found it.
 *
 * @param path          the file
 * @param lastApplied   when its content was last applied (at start, then at each valid change)
 * @param lastError     why its last change was not applied (the key and value refused, or that it is missing), or
 *                      {@code null} when its current content is in force
 * @param lastErrorTime when that was found, or {@code null}
 */
public record ConfigFileStatus(Path path, Instant lastApplied, String lastError, Instant lastErrorTime) {
}
