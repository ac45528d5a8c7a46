package io.zprof.collector.cgroup.internal;

import io.zprof.api.model.Metric;
import io.zprof.api.port.Collector;
import io.zprof.api.port.SampleSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads process and container numbers from procfs and cgroupfs, allocation-free in steady state.
 *
 * <p>Every cycle: process CPU time, {@code /proc/self/status} (RSS, threads), {@code /proc/self/cgroup} (to notice a
 * move to another cgroup before anything is reported from the old one), the cgroup's memory usage, and the CFS
 * throttling counters when a quota applies; the page cache for the working set when usage moved or at a refresh
 * ({@link MemoryController}). Every {@link CgroupSettings#refreshCycles()} cycles: the limits (memory, quota, cpuset
 * at every level) and the host's memory and CPUs, through the same open files. Paths are resolved again, which
 * allocates, only when the process moved or a file failed. Nothing here throws for an unreadable file: the number
 * is skipped and, for limits, the host's value is reported with source {@code HOST}.
 */
final class CgroupCollector implements Collector {
    private static final Logger LOG = LoggerFactory.getLogger(CgroupCollector.class);

    private static final String CGROUP_FILE_FAILED = "its numbers are skipped, and a limit it holds falls back to the host";

    private final CgroupSettings settings;
    private final CpuTimeSource cpuTime;
    private final ProcessStatus status;
    private final HostResources host;
    private final MembershipWatch membership;
    private final ResourceLimits limits = new ResourceLimits();
    private CgroupView view = CgroupView.NONE;
    private int cyclesSinceRefresh;
    private String lastProblem = "";
    private String lastSummary = "";
    private boolean closed;

    /**
     * Resolves the cgroups and reads the limits once, so the first cycle has them.
     *
     * @param settings validated settings
     * @param cpuTime  the process CPU time source
     */
    CgroupCollector(CgroupSettings settings, CpuTimeSource cpuTime) {
        this.settings = settings;
        this.cpuTime = cpuTime;
        this.status = new ProcessStatus(settings.fs());
        this.host = new HostResources(settings.fs());
        this.membership = settings.useCgroup() ? new MembershipWatch(settings.fs()) : null;
        host.refresh();
        if (membership != null) {
            membership.changed();
            resolve();
        } else {
            limits.update(host, status.allowedCpus(), view);
            LOG.info("cgroup collector: container limits not read (zprof.resource.cgroup=false); {}", limits);
        }
    }

    @Override
    public synchronized void collect(SampleSink sink) {
        if (closed) {
            return;
        }
        long cpuNanos = cpuTime.processCpuNanos();
        if (cpuNanos >= 0) {
            sink.accept(Metric.PROCESS_CPU_NANOS, cpuNanos, cpuTime.source());
        }
        status.report(sink);
        if (++cyclesSinceRefresh >= settings.refreshCycles()) {
            cyclesSinceRefresh = 0;
            refresh();
        } else if (membership != null && membership.changed()) {
            // one small read, compared without allocating: a move must not leave the old limits in use (CPU %
            // several times off) until the next refresh
            moved();
        }
        limits.report(sink);
        view.reportUsage(sink);
    }

    /**
     * Re-reads limits through the open files. Resolves the cgroups again instead when the process moved
     * ({@code /proc/self/cgroup} changed; read again here after a failure) or when a file failed.
     */
    private void refresh() {
        reportFailure(status.file(), "RSS and threads are skipped");
        status.file().reset();
        cpuTime.reset();
        host.refresh();
        if (membership != null) {
            membership.file().reset();
            if (membership.changed()) {
                moved();
                return;
            }
        }
        ReusableFile failed = view.firstFailure();
        if (failed != null) {
            reportFailure(failed, CGROUP_FILE_FAILED);
            resolve();
        } else if (limits.update(host, status.allowedCpus(), view)) {
            LOG.info("cgroup collector: limits changed: {}", limits);
        }
    }

    private void moved() {
        LOG.info("cgroup collector: /proc/self/cgroup changed, resolving the process's cgroups again");
        resolve();
    }

    private void resolve() {
        String cgroups = membership.accept();
        CgroupPaths paths = CgroupPaths.NONE;
        try {
            String mountinfo = new String(Files.readAllBytes(settings.fs().process("mountinfo")), StandardCharsets.UTF_8);
            paths = CgroupResolver.resolve(settings.fs(), Mount.parseAll(mountinfo), CgroupMembership.parseAll(cgroups));
        } catch (IOException | RuntimeException e) {
            problem("cannot resolve the process's cgroups (" + e + "); limits are the host's");
        }
        CgroupView previous = view;
        view = new CgroupView(paths);
        previous.close();
        limits.update(host, status.allowedCpus(), view);
        ReusableFile failed = view.firstFailure();
        if (failed != null) {
            reportFailure(failed, CGROUP_FILE_FAILED);
        }
        String summary = view + "; " + limits;
        if (summary.equals(lastSummary)) {
            LOG.debug("cgroup collector: {}", summary);
        } else {
            LOG.info("cgroup collector: {}", summary);
            lastSummary = summary;
        }
    }

    private void reportFailure(ReusableFile file, String consequence) {
        if (file.failure() != null) {
            problem("cannot read " + file.path() + " (" + file.failure() + "); " + consequence
                    + " until it can be read again (retried every refresh)");
        }
    }

    /** Warns once per distinct problem, so a file that stays broken does not flood the log every refresh. */
    private void problem(String message) {
        if (message.equals(lastProblem)) {
            LOG.debug("cgroup collector: {}", message);
        } else {
            LOG.warn("cgroup collector: {}", message);
            lastProblem = message;
        }
    }

    @Override
    public synchronized String originOf(Metric metric) {
        return limits.originOf(metric);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        view.close();
        status.close();
        host.close();
        cpuTime.close();
        if (membership != null) {
            membership.close();
        }
    }

    @Override
    public String toString() {
        return "CgroupCollector[" + view + "; " + limits + "]";
    }
}
