package io.zprof.reporter.pyroscope;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import jdk.jfr.Recording;

/** Short real JFR recordings, made in the test JVM while it burns CPU. */
final class JfrRecordings {
    private static volatile long sink;

    private JfrRecordings() {
    }

    /**
     * @param out    where to dump the recording
     * @param period the {@code jdk.ExecutionSample} period
     * @param burn   how long to burn CPU while recording
     * @return {@code out}
     */
    static Path executionSamples(Path out, Duration period, Duration burn) throws IOException {
        try (Recording r = new Recording()) {
            r.enable("jdk.ExecutionSample").withPeriod(period);
            r.enable("jdk.ActiveSetting");
            r.start();
            burn(burn);
            r.stop();
            r.dump(out);
        }
        return out;
    }

    /** A finished recording with events, none of which Pyroscope turns into a profile. */
    static Path withoutProfileEvents(Path out) throws IOException {
        try (Recording r = new Recording()) {
            r.enable("jdk.ThreadStart");
            r.enable("jdk.JVMInformation");
            r.start();
            Thread t = new Thread(() -> { });
            t.start();
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            r.stop();
            r.dump(out);
        }
        return out;
    }

    static void burn(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        long x = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 10_000; i++) {
                x += Long.numberOfTrailingZeros(x + i) ^ i;
            }
        }
        sink = x;
    }
}
