package io.zprof.dumper.jfr.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Reads JFR's "JFR Periodic Tasks" thread from {@code /proc/self/task}: how often it went to sleep (voluntary
 * context switches, one per nap) and the CPU it used. Counting naps rather than CPU time keeps the check robust on
 * a loaded machine: a spinning thread naps 100 times a second however slow each wake-up is.
 */
final class PeriodicTaskThread {
    /** How long a measurement lasts: enough to tell a thread that naps ~2 times from one that naps ~200 times. */
    static final Duration MEASURED = Duration.ofSeconds(2);

    /**
     * @param wakeups   naps taken over the measurement
     * @param cpuMicros CPU used over the measurement
     */
    record Usage(long wakeups, long cpuMicros) {
    }

    private PeriodicTaskThread() {
    }

    /** @return the thread's usage over {@link #MEASURED}, starting now */
    static Usage measure() throws IOException, InterruptedException {
        Path task = find();
        long switches = voluntarySwitches(task);
        long cpu = cpuNanos(task);
        Thread.sleep(MEASURED.toMillis());
        return new Usage(voluntarySwitches(task) - switches, (cpuNanos(task) - cpu) / 1000);
    }

    private static Path find() throws IOException {
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                // the kernel keeps the first 15 bytes of a thread's name
                if (Files.readString(task.resolve("comm")).trim().equals("JFR Periodic Ta")) {
                    return task;
                }
            }
        }
        throw new IllegalStateException("no 'JFR Periodic Tasks' thread in this JVM");
    }

    private static long voluntarySwitches(Path task) throws IOException {
        for (String line : Files.readAllLines(task.resolve("status"))) {
            if (line.startsWith("voluntary_ctxt_switches:")) {
                return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        throw new IllegalStateException("no voluntary_ctxt_switches in " + task.resolve("status"));
    }

    private static long cpuNanos(Path task) throws IOException {
        return Long.parseLong(Files.readString(task.resolve("schedstat")).trim().split(" ")[0]);
    }
}
