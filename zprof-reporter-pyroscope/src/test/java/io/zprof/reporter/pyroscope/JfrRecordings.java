package io.zprof.reporter.pyroscope;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;

/** Short real JFR recordings, made in the test JVM while it burns CPU. */
final class JfrRecordings {
    private static final int MIN_SAMPLES = 5;
    private static volatile long sink;

    private JfrRecordings() {
    }

    /**
     * Records until the file holds a few execution samples: on a loaded machine the sampler may catch none in a
     * short burn, so the burn doubles until it does.
     *
     * @param out    where to dump the recording
     * @param period the {@code jdk.ExecutionSample} period
     * @param burn   how long to burn CPU while recording, at first
     * @return {@code out}
     */
    static Path executionSamples(Path out, Duration period, Duration burn) throws IOException {
        Duration d = burn;
        for (int attempt = 0; attempt < 5; attempt++) {
            try (Recording r = new Recording()) {
                r.enable("jdk.ExecutionSample").withPeriod(period);
                r.enable("jdk.ActiveSetting");
                r.start();
                burn(d);
                r.stop();
                Files.deleteIfExists(out);
                r.dump(out);
            }
            if (count(out, "jdk.ExecutionSample") >= MIN_SAMPLES) {
                return out;
            }
            d = d.multipliedBy(2);
        }
        throw new AssertionError("no " + MIN_SAMPLES + " execution samples even after burning CPU for " + d);
    }

    static long count(Path jfr, String eventType) throws IOException {
        long n = 0;
        try (RecordingFile f = new RecordingFile(jfr)) {
            while (f.hasMoreEvents()) {
                if (f.readEvent().getEventType().getName().equals(eventType)) {
                    n++;
                }
            }
        }
        return n;
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

    /**
     * Records with async-profiler, as zprof-dumper-async does, while burning CPU and allocating.
     *
     * @param out    where the recording goes
     * @param events async-profiler's event options ({@code event=itimer,interval=20000000}, {@code alloc=1k})
     * @return {@code out}
     */
    static Path asyncProfiler(Path out, String events) throws IOException {
        // extracted next to the recording: never into the shared temporary directory
        System.setProperty("one.profiler.extractPath", out.getParent().toString());
        one.profiler.AsyncProfiler profiler = one.profiler.AsyncProfiler.getInstance();
        // on a busy machine a short run may catch nothing: the work doubles until the profile has samples
        for (int rounds = 20; rounds < 20 << 5; rounds *= 2) {
            Files.deleteIfExists(out);
            profiler.execute("start," + events + ",jfr,jfropts=7,file=" + out);
            try {
                for (int i = 0; i < rounds; i++) {
                    burn(Duration.ofMillis(25));
                    kept = new byte[64 * 1024];
                }
            } finally {
                profiler.execute("stop");
            }
            if (count(out, "jdk.ExecutionSample") + count(out, "jdk.ObjectAllocationInNewTLAB")
                    + count(out, "jdk.ObjectAllocationOutsideTLAB") >= MIN_SAMPLES) {
                return out;
            }
        }
        throw new AssertionError("async-profiler recorded too few events for " + events);
    }

    /** Allocations that escape, so that they are really made. */
    private static volatile byte[] kept;
}
