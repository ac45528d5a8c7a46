package io.zprof.collector.cgroup.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A small kernel-generated text file (procfs, sysfs, cgroupfs) read again and again without allocating: the channel
 * stays open and every read is one {@code pread} at offset 0 into a direct buffer, copied into a reused array.
 *
 * <p>One {@code pread} is enough: these files are produced by {@code seq_file} or kernfs, which fill the caller's
 * buffer with the whole text when it fits, and restart from the first record when asked for offset 0. A read that
 * fills the buffer completely may have been cut, so the buffer doubles (once, in steady state never) and the read is
 * repeated.
 *
 * <p>Why a channel's {@code pread} and not {@code RandomAccessFile} seek + read, which is cheaper cold (one cold
 * read of {@code /proc/self/status}: 51–70 µs against 79–118 µs, and 11 against 17 µs interpreted; measured with
 * {@code ProcfsReadCost}, docs/performance.md): the seek is a second system call, and hot it doubles the cost of a
 * read (status 8.3 against 4.8 µs, {@code memory.usage_in_bytes} 4.4 against 2.3 µs), which took the collector's
 * cycle from 12.2 to 16.1 µs, over its 15 µs budget. Measured both ways, kept the one that meets the budget.
 *
 * <p>A failure is sticky: the channel is closed and {@link #read()} answers {@code false} without touching the file
 * again until {@link #reset()}, so a broken file costs nothing (no exception per cycle) until its owner retries.
 * Not thread-safe.
 */
final class ReusableFile implements Closeable {
    private static final int MAX_CAPACITY = 1 << 20;

    private final Path path;
    private FileChannel channel;
    private ByteBuffer direct;
    private byte[] bytes;
    private int length;
    private IOException failure;

    /**
     * @param path            the file; it is opened lazily, on the first read
     * @param initialCapacity bytes expected; grows by doubling when the text does not fit
     */
    ReusableFile(Path path, int initialCapacity) {
        this.path = path;
        this.direct = ByteBuffer.allocateDirect(initialCapacity);
        this.bytes = new byte[initialCapacity];
    }

    /** @return whether the current content was read into {@link #bytes()}; {@code false} after a failure */
    boolean read() {
        if (failure != null) {
            return false;
        }
        try {
            if (channel == null) {
                channel = FileChannel.open(path, StandardOpenOption.READ);
            }
            int n;
            while ((n = readOnce()) == direct.capacity()) {
                grow();
            }
            length = Math.max(n, 0);
            direct.get(0, bytes, 0, length);
            return true;
        } catch (IOException e) {
            failure = e;
            closeChannel();
            return false;
        }
    }

    private int readOnce() throws IOException {
        direct.clear();
        return channel.read(direct, 0);
    }

    private void grow() throws IOException {
        int capacity = direct.capacity() * 2;
        if (capacity > MAX_CAPACITY) {
            throw new IOException(path + " is larger than " + MAX_CAPACITY + " bytes");
        }
        direct = ByteBuffer.allocateDirect(capacity);
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
        closeChannel();
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing was written; a failed close leaves nothing to clean up
            }
            channel = null;
        }
    }
}
