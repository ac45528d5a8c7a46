package io.zprof.collector.cgroup.internal;

import io.zprof.api.config.ZprofConfig;
import io.zprof.api.config.ConfigurationException;
import io.zprof.api.model.Metric;
import io.zprof.api.port.Collector;
import io.zprof.api.spi.Availability;
import io.zprof.api.spi.CollectorProvider;
import io.zprof.api.spi.ProviderContext;
import java.nio.file.Files;
import java.util.Collections;
import java.util.Locale;
import java.util.Optional;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Linux collector reading procfs and cgroup v1/v2 directly: process CPU time, RSS, native threads, memory and CPU
 * limits (cgroup, else the host), cgroup memory usage and CFS throttling. Preferred over every portable collector
 * ({@link #PRIORITY_PLATFORM}); available on any Linux with {@code /proc}, with or without a cgroup file system.
 */
public final class CgroupCollectorProvider implements CollectorProvider {
    /** The provider's name, also the scope of its keys ({@code zprof.collector.cgroup.*}). */
    public static final String NAME = "cgroup";

    private static final Set<Metric> METRICS = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(Metric.PROCESS_CPU_NANOS,
            Metric.CPU_LIMIT_CORES, Metric.RSS_BYTES, Metric.MEMORY_LIMIT_BYTES, Metric.OS_THREADS,
            Metric.CGROUP_MEMORY_USAGE_BYTES, Metric.CGROUP_MEMORY_WORKING_SET_BYTES, Metric.CPU_PERIODS,
            Metric.CPU_THROTTLED_PERIODS, Metric.CPU_THROTTLED_NANOS)));

    /** Used by {@link java.util.ServiceLoader}. */
    public CgroupCollectorProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    /** @return its settings: the cgroup and proc roots and the limits refresh, read by {@link CgroupSettings} */
    @Override
    public Optional<Set<String>> settingKeys() {
        return Optional.of(Set.of("root", "self", "refreshcycles"));
    }

    @Override
    public int priority() {
        return PRIORITY_PLATFORM;
    }

    @Override
    public Set<Metric> metrics() {
        return METRICS;
    }

    /**
     * Unavailable off Linux ({@code not Linux: <os.name>}) and without this process's procfs directory
     * ({@code no /proc/self/status}). Invalid settings leave it available, so that {@link #create} reports them
     * as a {@link ConfigurationException} instead of silently choosing another collector.
     */
    @Override
    public Availability availability(ProviderContext context) {
        String os = System.getProperty("os.name", "");
        if (!os.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return Availability.unavailable("not Linux: " + os);
        }
        FileSystemRoot fs;
        try {
            fs = CgroupSettings.from(context).fs();
        } catch (ConfigurationException e) {
            return Availability.ok();
        }
        if (!Files.isReadable(fs.process("status"))) {
            return Availability.unavailable(fs.isSystem() ? "no /proc/self/status" : "no " + fs.process("status"));
        }
        return Availability.ok();
    }

    /**
     * @throws ConfigurationException naming the key when a {@code zprof.collector.cgroup.*} value is invalid
     */
    @Override
    public void validate(ProviderContext context) {
        CgroupSettings.from(context);
    }

    /**
     * @throws ConfigurationException naming the key when a {@code zprof.collector.cgroup.*} value is invalid
     */
    /**
     * @param config a configuration
     * @return {@code zprof.resource.usecgroup}, the only engine setting it reads (with its own settings)
     */
    @Override
    public Object engineSettingsRead(ZprofConfig config) {
        return config.resource().useCgroup();
    }

    @Override
    public Collector create(ProviderContext context) {
        CgroupSettings settings = CgroupSettings.from(context);
        CpuTimeSource cpuTime = settings.fs().isSystem() ? JvmCpuTime.ifSupported() : null;
        return new CgroupCollector(settings, cpuTime != null ? cpuTime : new ProcStatCpuTime(settings.fs()));
    }
}
