package io.zprof.benchmarks.overhead;

import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * CPU time of one read of {@code /proc/self/status} two ways, hot (back to back) or cold (after a sleep): a
 * {@code FileChannel} positional read into a direct buffer copied to an array (what the cgroup collector's
 * {@code ReusableFile} does), and {@code RandomAccessFile} seek and read into the array.
 *
 * <p>Run: {@code benchmarks/overhead-lab/run [-Xint] ProcfsReadCost
 * [reads] [sleep millis]}
 */
public final class ProcfsReadCost {
    private ProcfsReadCost() {
    }

    /** @param args reads per round (default 300), sleep before each read in milliseconds (default 20; 0 = hot) */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        long sleep = args.length > 1 ? Long.parseLong(args[1]) : 20;
        Path status = Path.of("/proc/self/status");
        byte[] bytes = new byte[4096];
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length);
        ThreadMXBean tm = ManagementFactory.getThreadMXBean();
        try (FileChannel channel = FileChannel.open(status, StandardOpenOption.READ);
             RandomAccessFile file = new RandomAccessFile(status.toFile(), "r")) {
            for (int round = 1; round <= 3; round++) {
                long viaChannel = 0;
                long viaFile = 0;
                for (int i = 0; i < n; i++) {
                    pause(sleep);
                    long t0 = tm.getCurrentThreadCpuTime();
                    direct.clear();
                    int k = channel.read(direct, 0);
                    direct.get(0, bytes, 0, k);
                    viaChannel += tm.getCurrentThreadCpuTime() - t0;
                    pause(sleep);
                    t0 = tm.getCurrentThreadCpuTime();
                    file.seek(0);
                    file.read(bytes, 0, bytes.length);
                    viaFile += tm.getCurrentThreadCpuTime() - t0;
                }
                System.out.printf(Locale.ROOT, "round %d: FileChannel pread + copy %.1f µs, RandomAccessFile seek + read %.1f µs%n",
                        round, viaChannel / 1e3 / n, viaFile / 1e3 / n);
            }
        }
    }

    private static void pause(long millis) throws InterruptedException {
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }
}
