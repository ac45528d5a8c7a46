package io.zprof.collector.cgroup.internal;

import java.io.Closeable;

/**
 * What the machine offers when no container limit applies: {@code MemTotal} from {@code /proc/meminfo} and the
 * online CPUs from {@code /sys/devices/system/cpu/online}. Read at every limit refresh, without allocating.
 */
final class HostResources implements Closeable {
    private static final byte[] MEM_TOTAL = KernelText.bytes("MemTotal:");

    private final ReusableFile meminfo;
    private final ReusableFile online;
    private long memoryBytes;
    private int cpus;

    HostResources(FileSystemRoot fs) {
        this.meminfo = new ReusableFile(fs.root().resolve("proc").resolve("meminfo"), 4096);
        this.online = new ReusableFile(fs.host("/sys/devices/system/cpu/online"), 64);
    }

    /** Reads both files again; a file that failed before is retried. */
    void refresh() {
        meminfo.reset();
        online.reset();
        long kib = meminfo.read() ? KernelText.longAfter(meminfo.bytes(), meminfo.length(), MEM_TOTAL) : KernelText.NONE;
        memoryBytes = kib > 0 ? kib * 1024 : 0;
        int count = online.read() ? KernelText.countCpuList(online.bytes(), 0, online.length()) : 0;
        // the JVM's count is a last resort only: it already applies container limits
        cpus = count > 0 ? count : Runtime.getRuntime().availableProcessors();
    }

    /** @return {@code MemTotal} in bytes, or 0 when {@code /proc/meminfo} could not be read */
    long memoryBytes() {
        return memoryBytes;
    }

    /** @return the number of online CPUs of the machine */
    int cpus() {
        return cpus;
    }

    @Override
    public void close() {
        meminfo.close();
        online.close();
    }
}
