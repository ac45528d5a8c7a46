package io.zprof.benchmarks.overhead;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The least a sampling cycle can do and still read what zprof's cycle reads on Linux (issue 4): the process's CPU
 * time, OS thread count and resident set from one read of {@code /proc/self/stat}, the memory cgroup's usage from one
 * read of its usage file, the JVM's live thread count and its used heap. Two system calls (zprof's cycle makes three:
 * it reads {@code /proc/self/status} and calls {@code times()}), no allocation, no rules, no timeline.
 *
 * <p>It is the harness's floor: run on a thread that wakes at zprof's interval beside the workload, it shows what a
 * wake-up plus the bare reads cost on the machine, so that zprof's cycle can be set against the cheapest cycle any
 * in-process sampler could run there, and not only against a wake-up that reads nothing.
 */
final class FloorCycle implements Runnable {
    private final FileChannel stat;
    private final FileChannel usage;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(1024);
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Runtime runtime = Runtime.getRuntime();
    // the last cycle's values: kept in fields, so that the JIT keeps the parsing
    private long cpuTicks;
    private long osThreads;
    private long rssPages;
    private long usageBytes;
    private long heapUsed;
    private int jvmThreads;

    /** Opens the two files; the memory cgroup's is found from {@code /proc/self/cgroup} (v1 or v2). */
    FloorCycle() {
        try {
            stat = FileChannel.open(Path.of("/proc/self/stat"), StandardOpenOption.READ);
            usage = FileChannel.open(memoryUsageFile(), StandardOpenOption.READ);
        } catch (IOException e) {
            throw new UncheckedIOException("the floor cycle needs /proc/self/stat and a memory cgroup", e);
        }
    }

    @Override
    public void run() {
        try {
            int n = read(stat);
            // the command may hold spaces and parentheses: fields are counted from the last ')', field 3 first
            int i = n - 1;
            while (buffer.get(i) != ')') {
                i--;
            }
            long utime = 0;
            long stime = 0;
            long tasks = 0;
            long rss = 0;
            int field = 2;
            for (i += 1; i < n; i++) {
                byte b = buffer.get(i);
                if (b == ' ') {
                    field++;
                } else if (b >= '0' && b <= '9') {
                    long digit = b - '0';
                    switch (field) {
                        case 14 -> utime = utime * 10 + digit;
                        case 15 -> stime = stime * 10 + digit;
                        case 20 -> tasks = tasks * 10 + digit;
                        case 24 -> rss = rss * 10 + digit;
                        default -> {
                            // a field the cycle does not need
                        }
                    }
                }
                if (field > 24) {
                    break;
                }
            }
            n = read(usage);
            long used = 0;
            for (i = 0; i < n && buffer.get(i) >= '0'; i++) {
                used = used * 10 + buffer.get(i) - '0';
            }
            cpuTicks = utime + stime;
            osThreads = tasks;
            rssPages = rss;
            usageBytes = used;
            heapUsed = runtime.totalMemory() - runtime.freeMemory();
            jvmThreads = threads.getThreadCount();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the last cycle's process CPU time (user and system) in clock ticks */
    long cpuTicks() {
        return cpuTicks;
    }

    /** @return the last cycle's count of the process's OS threads */
    long osThreads() {
        return osThreads;
    }

    /** @return the last cycle's resident set in pages */
    long rssPages() {
        return rssPages;
    }

    /** @return the last cycle's memory cgroup usage in bytes */
    long usageBytes() {
        return usageBytes;
    }

    /** @return the last cycle's used heap in bytes */
    long heapUsed() {
        return heapUsed;
    }

    /** @return the last cycle's count of live JVM threads */
    int jvmThreads() {
        return jvmThreads;
    }

    private int read(FileChannel file) throws IOException {
        buffer.clear();
        return Math.max(0, file.read(buffer, 0));
    }

    private static Path memoryUsageFile() throws IOException {
        Path v2 = null;
        for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"), StandardCharsets.UTF_8)) {
            String[] parts = line.split(":", 3);
            if (parts.length == 3 && parts[1].equals("memory")) {
                return Path.of("/sys/fs/cgroup/memory", parts[2], "memory.usage_in_bytes");
            }
            if (parts.length == 3 && parts[0].equals("0") && parts[1].isEmpty()) {
                v2 = Path.of("/sys/fs/cgroup", parts[2], "memory.current");
            }
        }
        if (v2 == null) {
            throw new IOException("no memory cgroup in /proc/self/cgroup");
        }
        return v2;
    }
}
