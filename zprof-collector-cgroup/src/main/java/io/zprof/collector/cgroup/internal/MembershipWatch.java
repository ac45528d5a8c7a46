package io.zprof.collector.cgroup.internal;

import java.io.Closeable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Notices when the process moves to another cgroup (a container runtime or systemd may move it while it runs,
 * JDK-8343191) by comparing {@code /proc/self/cgroup} with what the last resolution used. One small read per cycle
 * (about 3 µs, docs/benchmarks-collectors.md), compared without allocating.
 */
final class MembershipWatch implements Closeable {
    private final ReusableFile file;
    private byte[] known = new byte[0];
    private int knownLength = -1;

    MembershipWatch(FileSystemRoot fs) {
        this.file = new ReusableFile(fs.process("cgroup"), 1024);
    }

    /**
     * @return whether the file now differs from the content last {@link #accept() accepted}; {@code false} when it
     *         cannot be read (nothing to compare)
     */
    boolean changed() {
        if (!file.read()) {
            return false;
        }
        return file.length() != knownLength
                || !Arrays.equals(file.bytes(), 0, knownLength, known, 0, knownLength);
    }

    /**
     * Takes the content of the last read as the known membership.
     *
     * @return that content as text, for resolution; empty when the file could not be read
     */
    String accept() {
        if (file.failure() != null) {
            knownLength = -1;
            return "";
        }
        if (known.length < file.length()) {
            known = new byte[file.bytes().length];
        }
        System.arraycopy(file.bytes(), 0, known, 0, file.length());
        knownLength = file.length();
        return new String(known, 0, knownLength, StandardCharsets.UTF_8);
    }

    /** @return the file, for logging and retries */
    ReusableFile file() {
        return file;
    }

    @Override
    public void close() {
        file.close();
    }
}
