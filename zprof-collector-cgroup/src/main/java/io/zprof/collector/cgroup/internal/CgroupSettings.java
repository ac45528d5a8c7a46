package io.zprof.collector.cgroup.internal;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ConfigurationException;
import io.zprof.api.spi.ProviderContext;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * The cgroup collector's settings, from {@code zprof.resource.cgroup} and the scoped keys
 * {@code zprof.collector.cgroup.*}.
 *
 * @param fs            where {@code /proc} and {@code /sys} are ({@code root}, {@code self}: for tests)
 * @param refreshCycles limits are read again every this many cycles ({@code refreshcycles}, default 12: one minute
 *                      at the default 5 s interval); a move to another cgroup is noticed at the next cycle anyway
 *                      (its limits are read then)
 * @param useCgroup     whether container limits are read at all; when not, limits are the machine's
 */
record CgroupSettings(FileSystemRoot fs, int refreshCycles, boolean useCgroup) {
    /** Default of {@code refreshcycles}. */
    static final int DEFAULT_REFRESH_CYCLES = 12;
    private static final String ROOT = "root";
    private static final String SELF = "self";
    private static final String REFRESH_CYCLES = "refreshcycles";
    /** Every scoped key read here (README's configuration table documents each). */
    static final List<String> KEYS = List.of(ROOT, SELF, REFRESH_CYCLES);

    /**
     * @param context the provider context
     * @return the validated settings
     * @throws ConfigurationException naming the full key when a value is invalid
     */
    static CgroupSettings from(ProviderContext context) {
        ConfigProperties p = context.scoped("collector", CgroupCollectorProvider.NAME);
        String rootText = p.getString(ROOT, "/");
        Path root;
        try {
            root = Path.of(rootText);
        } catch (InvalidPathException e) {
            throw new ConfigurationException(p.fullKey(ROOT), rootText, "not a path");
        }
        if (!root.isAbsolute() || !Files.isDirectory(root)) {
            throw new ConfigurationException(p.fullKey(ROOT), rootText, "must be an existing absolute directory");
        }
        String self = p.getString(SELF, "self");
        if (self.contains("/") || self.equals("..") || self.equals(".")) {
            throw new ConfigurationException(p.fullKey(SELF), self, "must be a directory name under proc, e.g. self");
        }
        int refresh = p.getInt(REFRESH_CYCLES, DEFAULT_REFRESH_CYCLES);
        if (refresh < 1) {
            throw new ConfigurationException(p.fullKey(REFRESH_CYCLES), refresh, "must be at least 1");
        }
        return new CgroupSettings(new FileSystemRoot(root, self), refresh, context.config().resource().useCgroup());
    }
}
