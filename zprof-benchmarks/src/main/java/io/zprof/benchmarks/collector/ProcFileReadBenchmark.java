package io.zprof.benchmarks.collector;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The primitives a cgroup collect cycle is made of, one by one, so the cycle's cost can be explained: one
 * {@code pread} at offset 0 through a reused channel into a direct buffer (what the collector does per file), the
 * alternative of a seek to 0 and one {@code read} through a reused {@link RandomAccessFile} (slower hot, faster cold,
 * see docs/performance.md), and {@code getProcessCpuTime()}. Linux only. Paths of the
 * memory cgroup are those of this process (v1 or v2).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ProcFileReadBenchmark {
    /** One open file, read again and again. */
    @State(Scope.Thread)
    public static class OpenFile {
        /** The file read per invocation. */
        @Param({"/proc/self/status", "/proc/self/stat", "/proc/self/cgroup", "/proc/meminfo", "memory-usage",
                "memory.stat"})
        public String file;

        private FileChannel channel;
        private RandomAccessFile random;
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(16384);
        private final byte[] bytes = new byte[16384];

        /**
         * Opens the file once.
         *
         * @throws IOException when it cannot be opened
         */
        @Setup
        public void open() throws IOException {
            channel = FileChannel.open(resolve(file), StandardOpenOption.READ);
            random = new RandomAccessFile(resolve(file).toFile(), "r");
        }

        /**
         * Closes the file.
         *
         * @throws IOException never in practice
         */
        @TearDown
        public void close() throws IOException {
            channel.close();
            random.close();
        }
    }

    /** The JVM's OS bean. */
    @State(Scope.Thread)
    public static class OsBean {
        private final com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    }

    /** The process's memory cgroup files: v1 {@code memory} hierarchy if joined, else the unified one. */
    private static Path resolve(String name) throws IOException {
        if (name.startsWith("/")) {
            return Path.of(name);
        }
        String v1 = null;
        String v2 = null;
        for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"), StandardCharsets.UTF_8)) {
            String[] f = line.split(":", 3);
            if (f.length == 3 && ("," + f[1] + ",").contains(",memory,")) {
                v1 = f[2];
            } else if (f.length == 3 && f[0].equals("0") && f[1].isEmpty()) {
                v2 = f[2];
            }
        }
        Path dir = v1 != null ? Path.of("/sys/fs/cgroup/memory" + v1) : Path.of("/sys/fs/cgroup" + v2);
        boolean isV1 = v1 != null;
        return dir.resolve(name.equals("memory-usage") ? (isV1 ? "memory.usage_in_bytes" : "memory.current") : name);
    }

    /**
     * @param f the open file
     * @return bytes read
     * @throws IOException when the read fails
     */
    @Benchmark
    public int pread(OpenFile f) throws IOException {
        f.buffer.clear();
        return f.channel.read(f.buffer, 0);
    }

    /**
     * @param f the open file
     * @return bytes read
     * @throws IOException when the read fails
     */
    @Benchmark
    public int seekRead(OpenFile f) throws IOException {
        f.random.seek(0);
        return f.random.read(f.bytes, 0, f.bytes.length);
    }

    /**
     * @param bean the OS bean
     * @return the process CPU time, for comparison with a file read
     */
    @Benchmark
    public long processCpuTime(OsBean bean) {
        return bean.os.getProcessCpuTime();
    }
}
