package io.zprof.analysis.heap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import okio.Buffer;
import okio.BufferedSource;
import okio.Okio;
import shark.DualSourceProvider;
import shark.RandomAccessSource;

/**
 * An HPROF file for shark, read through memory maps instead of a seek and a read system call per object: shark's
 * path search reads every object record at random, millions of small reads on a service's heap. The maps live
 * outside the Java heap (the page cache), so they do not count against {@code -Xmx}.
 */
final class MappedHprofSource implements DualSourceProvider {
    /** Bytes per map: one map cannot exceed 2 GiB. */
    private static final long CHUNK = 1L << 30;

    private final Path file;

    /** @param file an HPROF file */
    MappedHprofSource(Path file) {
        this.file = file;
    }

    @Override
    public BufferedSource openStreamingSource() {
        try {
            InputStream in = Files.newInputStream(file);
            return Okio.buffer(Okio.source(in));
        } catch (IOException e) {
            throw new IllegalStateException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public RandomAccessSource openRandomAccessSource() {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            List<MappedByteBuffer> maps = new ArrayList<>();
            for (long at = 0; at < size; at += CHUNK) {
                maps.add(channel.map(FileChannel.MapMode.READ_ONLY, at, Math.min(CHUNK, size - at)));
            }
            return new Mapped(maps, size);
        } catch (IOException e) {
            throw new IllegalStateException(file + ": cannot be mapped: " + e.getMessage(), e);
        }
    }

    /** Random reads from the maps; a read that crosses a map's end continues in the next. */
    private static final class Mapped implements RandomAccessSource {
        private final List<MappedByteBuffer> maps;
        private final long size;

        Mapped(List<MappedByteBuffer> maps, long size) {
            this.maps = maps;
            this.size = size;
        }

        @Override
        public long read(Buffer sink, long position, long byteCount) throws IOException {
            long end = Math.min(size, position + byteCount);
            long at = position;
            while (at < end) {
                ByteBuffer map = maps.get((int) (at / CHUNK)).duplicate();
                int offset = (int) (at % CHUNK);
                int length = (int) Math.min(end - at, map.capacity() - offset);
                map.position(offset).limit(offset + length);
                at += sink.write(map);
            }
            return at - position;
        }

        @Override
        public BufferedSource asStreamingSource() {
            return RandomAccessSource.DefaultImpls.asStreamingSource(this);
        }

        @Override
        public void close() {
            // the maps are released when they are collected
        }
    }
}
