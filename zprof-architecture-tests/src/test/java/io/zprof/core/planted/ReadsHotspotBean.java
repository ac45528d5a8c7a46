package io.zprof.core.planted;

/** Planted for R3b: a HotSpot management type outside the JVM-reading packages. */
public final class ReadsHotspotBean {
    /** @return the process's CPU time, read through the HotSpot bean */
    public long cpuTime() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
