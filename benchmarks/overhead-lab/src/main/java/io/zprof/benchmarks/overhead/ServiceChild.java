package io.zprof.benchmarks.overhead;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One {@link HttpService} child JVM of {@link SideBySide}: started in a {@link ProfilerMode}, its {@code READY} facts,
 * and its process CPU time from {@code /proc/<pid>/stat}.
 */
final class ServiceChild implements AutoCloseable {
    /** How long a child may take to print READY on a machine shared with builds. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final int KEPT_LINES = 40;
    /** USER_HZ, the unit of {@code /proc/<pid>/stat}'s times: 100 on every Linux architecture the JDK runs on. */
    static final long CLOCK_TICKS = 100;

    final ProfilerMode mode;
    private final Process process;
    private final Deque<String> lastLines = new ArrayDeque<>();
    private final CompletableFuture<Map<String, String>> ready = new CompletableFuture<>();

    private ServiceChild(ProfilerMode mode, Process process) {
        this.mode = mode;
        this.process = process;
        Thread reader = new Thread(this::readOutput, "output-" + mode);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts the child; it runs until {@link #close()}.
     *
     * @param java        the java launcher
     * @param classPath   the lab's class path
     * @param jars        where the async window's jars and the Pyroscope agent are
     * @param mode        what profiles it
     * @param sinkAddress the Pyroscope ingest sink
     * @param workDir     a directory of its own
     * @return the started child
     * @throws IOException when the process cannot start
     */
    static ServiceChild start(String java, String classPath, Path jars, ProfilerMode mode, String sinkAddress, Path workDir)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(mode.jvmOptions(jars, workDir));
        command.addAll(List.of("-Xms256m", "-Xmx256m", "-XX:+UseG1GC", "-Djava.io.tmpdir=" + workDir,
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", mode.classPath(classPath, jars),
                HttpService.class.getName(), mode.zprof, workDir.resolve("dumps").toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(mode.environment(sinkAddress));
        return new ServiceChild(mode, pb.start());
    }

    private void readOutput() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("READY ")) {
                    Map<String, String> facts = new LinkedHashMap<>();
                    for (String kv : line.substring(6).split(" ")) {
                        String[] p = kv.split("=", 2);
                        facts.put(p[0], p[1]);
                    }
                    ready.complete(facts);
                }
                synchronized (lastLines) {
                    lastLines.addLast(line);
                    if (lastLines.size() > KEPT_LINES) {
                        lastLines.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // the child ended
        }
        ready.completeExceptionally(new IllegalStateException(mode + " child ended before READY:\n" + output()));
    }

    /**
     * @return the child's READY facts: port, pid, asyncProfilerLoaded, asyncWindowThread, jfrRecordings
     * @throws Exception when it ended or took too long
     */
    Map<String, String> awaitReady() throws Exception {
        try {
            return ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException(mode + " child not ready in " + START_TIMEOUT + ":\n" + output(), e);
        }
    }

    /** @return its last lines of output */
    String output() {
        synchronized (lastLines) {
            return String.join("\n", lastLines);
        }
    }

    /** @return whether it still runs */
    boolean alive() {
        return process.isAlive();
    }

    /**
     * @return the process's CPU time so far, user + system, in milliseconds ({@code /proc/<pid>/stat}: whole clock
     *         ticks, 10 ms each on Linux, so a phase's figure is ±1 tick)
     * @throws IOException when the process is gone
     */
    long cpuMillis() throws IOException {
        return cpuMillis(Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"), StandardCharsets.US_ASCII));
    }

    /**
     * @param stat the content of a {@code /proc/<pid>/stat}
     * @return utime + stime in milliseconds, at Linux's 100 clock ticks a second
     */
    static long cpuMillis(String stat) {
        // the command name, field 2, is in parentheses and may hold spaces: count fields after its closing one
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return ticks * 1000 / CLOCK_TICKS;
    }

    /** Closes its standard input (it then stops) and waits; kills it if it does not stop in 30 s. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
    }
}
