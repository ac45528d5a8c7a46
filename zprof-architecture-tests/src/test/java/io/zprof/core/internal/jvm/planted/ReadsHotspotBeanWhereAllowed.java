package io.zprof.core.internal.jvm.planted;

/** Planted for R3b: compliant, in the package that reads the JVM. */
public final class ReadsHotspotBeanWhereAllowed {
    /** @return the process's CPU time, read through the HotSpot bean */
    public long cpuTime() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
