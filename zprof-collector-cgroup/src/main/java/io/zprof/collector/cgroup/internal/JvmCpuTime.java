package io.zprof.collector.cgroup.internal;

import io.zprof.api.model.MetricSource;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * {@code com.sun.management.OperatingSystemMXBean.getProcessCpuTime()}: on Linux the JDK calls {@code times()}, so
 * the value counts 10 ms clock ticks, like {@code /proc/self/stat}; preferred because it is one system call with
 * no text to parse (~1.7 µs against ~4 µs) and allocates nothing.
 */
final class JvmCpuTime implements CpuTimeSource {
    private final com.sun.management.OperatingSystemMXBean bean;

    private JvmCpuTime(com.sun.management.OperatingSystemMXBean bean) {
        this.bean = bean;
    }

    /** @return the JVM's source when this JVM has the extended bean and it reports a value, else {@code null} */
    static JvmCpuTime ifSupported() {
        try {
            OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
            if (os instanceof com.sun.management.OperatingSystemMXBean) {
                com.sun.management.OperatingSystemMXBean bean = (com.sun.management.OperatingSystemMXBean) os;
                return bean.getProcessCpuTime() >= 0 ? new JvmCpuTime(bean) : null;
            }
        } catch (LinkageError e) {
            // jdk.management is not in this runtime image
        }
        return null;
    }

    @Override
    public long processCpuNanos() {
        return bean.getProcessCpuTime();
    }

    @Override
    public MetricSource source() {
        return MetricSource.JVM;
    }
}
