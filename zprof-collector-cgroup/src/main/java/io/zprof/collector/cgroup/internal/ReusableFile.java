package io.zprof.collector.cgroup.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/**
 * A small kernel-generated text file (procfs, sysfs, cgroupfs) read again and again without allocating: the file
 * stays open and every read is a seek to 0 and one {@code read} straight into a reused array.
 *
 * <p>One {@code read} is enough: these files are produced by {@code seq_file} or kernfs, which fill the caller's
 * buffer with the whole text when it fits, and restart from the first record when asked for offset 0. A read that
 * fills the buffer completely may have been cut, so the buffer doubles (once, in steady state never) and the read is
 * repeated.
 *
 * <p>Why {@link RandomAccessFile} rather than a {@code FileChannel} {@code pread}: the sampler reads these files
 * once every few seconds, when the CPU caches hold the application's data and the JIT may not have compiled the
 * sampler yet. The channel's path (interruptible begin/end, native thread set, temporary direct buffer, copy) cost
 * 58–141 µs of CPU per cold read of {@code /proc/self/status} against 47–78 µs for seek and read, and 12.8 against
 * 8.2 µs interpreted (docs/performance.md). A channel is also closed by an interrupt of the reading thread, which
 * would turn a {@code stop()} into a failed file; this read is not interruptible, and procfs never blocks.
 *
 * <p>A failure is sticky: the file is closed and {@link #read()} answers {@code false} without touching the file
 * again until {@link #reset()}, so a broken file costs nothing (no exception per cycle) until its owner retries.
 * Not thread-safe.
 */
final class ReusableFile implements Closeable {
    private static final int MAX_CAPACITY = 1 << 20;

    private final Path path;
    private RandomAccessFile file;
    private byte[] bytes;
    private int length;
    private IOException failure;

    /**
     * @param path            the file; it is opened lazily, on the first read
     * @param initialCapacity bytes expected; grows by doubling when the text does not fit
     */
    ReusableFile(Path path, int initialCapacity) {
        this.path = path;
        this.bytes = new byte[initialCapacity];
    }

    /** @return whether the current content was read into {@link #bytes()}; {@code false} after a failure */
    boolean read() {
        if (failure != null) {
            return false;
        }
        try {
            if (file == null) {
                file = new RandomAccessFile(path.toFile(), "r");
            }
            int n;
            while ((n = readOnce()) == bytes.length) {
                grow();
            }
            length = Math.max(n, 0);
            return true;
        } catch (IOException e) {
            failure = e;
            closeFile();
            return false;
        }
    }

    private int readOnce() throws IOException {
        file.seek(0);
        return file.read(bytes, 0, bytes.length);
    }

    private void grow() throws IOException {
        int capacity = bytes.length * 2;
        if (capacity > MAX_CAPACITY) {
            throw new IOException(path + " is larger than " + MAX_CAPACITY + " bytes");
        }
        bytes = new byte[capacity];
    }

    /** @return the content of the last successful read, valid up to {@link #length()} */
    byte[] bytes() {
        return bytes;
    }

    /** @return the number of valid bytes in {@link #bytes()} */
    int length() {
        return length;
    }

    /** @return the file */
    Path path() {
        return path;
    }

    /** @return the error that made the file unreadable, or {@code null} */
    IOException failure() {
        return failure;
    }

    /** Forgets a failure so that the next {@link #read()} opens the file again. */
    void reset() {
        failure = null;
    }

    @Override
    public void close() {
        closeFile();
    }

    private void closeFile() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException ignored) {
                // nothing was written; a failed close leaves nothing to clean up
            }
            file = null;
        }
    }
}
