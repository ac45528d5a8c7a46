package io.zprof.core.internal.dump;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The writer named in a temporary file's name, so that the leftovers of a dead process can be told from the files
 * of a live one. The token is {@code p{pid}.{start}.n{pid namespace}}: the pid and the process start time (epoch
 * milliseconds, so a recycled pid does not pass for the writer) are only meaningful within one pid namespace, so
 * the namespace's inode is part of it. Two containers sharing a volume both run as pid 1, in different namespaces:
 * the other container's writer cannot be checked from here and is judged by the age of its file instead. Where
 * {@code /proc/self/ns/pid} cannot be read (not Linux) the token ends in a random {@code r...} part and is never
 * checked against processes.
 */
final class TempFileOwner {
    private static final Pattern TOKEN = Pattern.compile("p(\\d+)\\.(\\d+)\\.n(\\d+)");
    private static final Optional<String> NAMESPACE = readNamespace(Path.of("/proc/self/ns/pid"));
    /** This JVM's token. */
    static final String CURRENT = token(ProcessHandle.current());

    /** Whether a token's writer is alive, as far as this process can tell. */
    enum Liveness {
        ALIVE, DEAD, UNKNOWN
    }

    private TempFileOwner() {
    }

    private static String token(ProcessHandle self) {
        long start = self.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        String tail = NAMESPACE.map(ns -> "n" + ns).orElseGet(() -> "r" + Long.toHexString(new SecureRandom().nextLong() >>> 1));
        return "p" + self.pid() + "." + start + "." + tail;
    }

    /** How far a live writer's start time may drift from the one in its token (see {@link #of}). */
    static final long SAME_START_MILLIS = 60_000;

    /**
     * @param token the owner part of a temporary name
     * @return whether that writer runs: {@link Liveness#UNKNOWN} for another pid namespace, an old-style or random
     *         token, or a platform that does not say
     */
    static Liveness of(String token) {
        Matcher m = TOKEN.matcher(token);
        if (!m.matches() || NAMESPACE.isEmpty() || !NAMESPACE.get().equals(m.group(3))) {
            return Liveness.UNKNOWN;
        }
        long start = Long.parseLong(m.group(2));
        Optional<ProcessHandle> process;
        try {
            process = ProcessHandle.of(Long.parseLong(m.group(1)));
        } catch (NumberFormatException | SecurityException e) {
            return Liveness.UNKNOWN;
        }
        if (process.isEmpty() || !process.get().isAlive()) {
            return Liveness.DEAD;
        }
        Optional<Instant> started = process.get().info().startInstant();
        if (started.isEmpty() || start == 0) {
            return Liveness.UNKNOWN;
        }
        // the same pid started at another time is another process: the writer is gone. The JDK derives a start time
        // from the boot time, which moves when the wall clock is stepped, so a minute's difference still counts as the
        // same process (a pid reused within a minute of its writer's start is far rarer than a clock step)
        return Math.abs(started.get().toEpochMilli() - start) <= SAME_START_MILLIS ? Liveness.ALIVE : Liveness.DEAD;
    }

    private static Optional<String> readNamespace(Path link) {
        try {
            // "pid:[4026531836]"
            Matcher m = Pattern.compile("pid:\\[(\\d+)]").matcher(Files.readSymbolicLink(link).toString());
            return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }
}
