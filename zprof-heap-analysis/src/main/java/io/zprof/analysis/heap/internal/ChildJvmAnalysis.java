package io.zprof.analysis.heap.internal;

import io.zprof.analysis.heap.ByteSizes;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link HolderAnalysisChild} in a separate JVM with its own {@code -Xmx}, so the index of a heap dump (about
 * three times its size) never lands in the monitored service's heap. One call runs one child and waits for it on the
 * caller's thread (the engine's analysis thread), at most {@code timeout}; the child is killed on timeout, on
 * interrupt and on {@link #killAll()}. Every failure (no java binary, the module missing from the class path, out of
 * memory, timeout) becomes an {@link IOException} that says what happened and which setting to change.
 */
final class ChildJvmAnalysis {
    private static final int LOG_TAIL = 2000;

    private final Path java;
    private final String classPath;
    private final long maxHeapBytes;
    private final Duration timeout;
    private final Set<Process> running = ConcurrentHashMap.newKeySet();

    /**
     * @param java         the java launcher to run
     * @param classPath    the child's class path: it must hold this module, shark and its dependencies
     * @param maxHeapBytes the child's heap limit
     * @param timeout      the child is killed after this
     */
    ChildJvmAnalysis(Path java, String classPath, long maxHeapBytes, Duration timeout) {
        this.java = java;
        this.classPath = classPath;
        this.maxHeapBytes = maxHeapBytes;
        this.timeout = timeout;
    }

    /**
     * @param maxHeapBytes the child's heap limit
     * @param timeout      the child is killed after this
     * @return children of this JVM's own launcher and class path (the one this module was found on)
     */
    static ChildJvmAnalysis ofThisJvm(long maxHeapBytes, Duration timeout) {
        return new ChildJvmAnalysis(Path.of(System.getProperty("java.home"), "bin", "java"),
                System.getProperty("java.class.path", ""), maxHeapBytes, timeout);
    }

    /**
     * @param older the earlier heap dump
     * @param newer the later one
     * @param text  where the child writes the text form (must not exist)
     * @param json  where it writes the JSON form (must not exist)
     * @throws IOException when the analysis failed, saying why; {@link InterruptedIOException} when interrupted
     */
    void run(Path older, Path newer, Path text, Path json) throws IOException {
        if (!Files.isExecutable(java)) {
            throw new IOException("no java binary at " + java + " to start the analysis's child JVM");
        }
        Path log = privateTempFile();
        try {
            long mib = Math.max(1, maxHeapBytes / (1024 * 1024));
            String where = "-Xmx" + mib + "m, started by pid " + ProcessHandle.current().pid();
            ProcessBuilder pb = new ProcessBuilder(List.of(java.toString(), "-Xmx" + mib + "m",
                    "-XX:+ExitOnOutOfMemoryError", "-cp", classPath, HolderAnalysisChild.class.getName(),
                    older.toString(), newer.toString(), text.toString(), json.toString(), where, log.toString()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().remove("JAVA_TOOL_OPTIONS");
            pb.environment().remove("JDK_JAVA_OPTIONS");
            await(pb.start(), log);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Kills every child still running (the dumper's close(): the engine stopped or detached). */
    void killAll() {
        running.forEach(ChildJvmAnalysis::kill);
    }

    private void await(Process child, Path log) throws IOException {
        running.add(child);
        try {
            if (!child.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(child);
                throw new IOException("timed out after " + timeout.toSeconds() + " s (zprof.dump.heapholders.timeout);"
                        + " the child JVM was killed");
            }
        } catch (InterruptedException e) {
            kill(child);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted (zprof stopped); the child JVM was killed");
        } finally {
            running.remove(child);
        }
        int status = child.exitValue();
        if (status != 0) {
            throw new IOException(failure(status, tail(log)));
        }
    }

    private String failure(int status, String log) {
        if (status == HolderAnalysisChild.OUT_OF_MEMORY || log.contains("OutOfMemoryError")) {
            return "the child JVM ran out of memory with -Xmx " + ByteSizes.of(maxHeapBytes)
                    + " (zprof.dump.heapholders.maxheap): give it about three times the larger dump";
        }
        if (log.contains(HolderAnalysisChild.class.getName()) && log.contains("ClassNotFoundException")
                || log.contains("Could not find or load main class")) {
            return "zprof-heap-analysis is not on the child JVM's class path (" + classPath.length()
                    + " characters taken from java.class.path): " + log.strip();
        }
        return "the child JVM exited with status " + status + ": " + log.strip();
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String tail(Path log) {
        try {
            String s = Files.readString(log, StandardCharsets.UTF_8);
            return s.length() <= LOG_TAIL ? s : "..." + s.substring(s.length() - LOG_TAIL);
        } catch (IOException e) {
            return "(its output could not be read: " + e + ")";
        }
    }

    /** The child's output may name the application's classes: owner-only, in the system's temporary directory. */
    private static Path privateTempFile() throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        return posix ? Files.createTempFile("zprof-holders", ".log",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile("zprof-holders", ".log");
    }
}
