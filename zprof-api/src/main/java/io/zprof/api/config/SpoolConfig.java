package io.zprof.api.config;

import java.nio.file.Path;

/**
 * The on-disk spool where undelivered events and their artifacts wait, across restarts.
 *
 * @param enabled   whether events are spooled at all
 * @param maxBytes  byte cap; when reached, new events are refused and counted (older ones are never evicted)
 * @param directory spool directory, or {@code null} for {@code <dump directory>/.spool}
 */
public record SpoolConfig(boolean enabled, long maxBytes, Path directory) {
    /** Validates every component. */
    public SpoolConfig {
        SingleSettingChecks.bytes("zprof.report.spool.maxbytes", maxBytes, 0);
        if (directory != null && directory.toString().isBlank()) {
            throw new ConfigurationException("zprof.report.spool.path", "''", "must not be empty");
        }
    }

    /** @return on, 512 MiB, inside the dump directory */
    public static SpoolConfig defaults() {
        return new SpoolConfig(true, 512L * 1024 * 1024, null);
    }

    /** @param v on or off @return a copy */
    public SpoolConfig enabled(boolean v) { return new SpoolConfig(v, maxBytes, directory); }
    /** @param v byte cap @return a copy */
    public SpoolConfig maxBytes(long v) { return new SpoolConfig(enabled, v, directory); }
    /** @param v directory, null = inside the dump directory @return a copy */
    public SpoolConfig directory(Path v) { return new SpoolConfig(enabled, maxBytes, v); }
}
