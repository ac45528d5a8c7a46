package io.zprof.dumper.jfr.internal;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A minimal HPROF reader for the tests: walks the top-level records, resolves class names through STRING and
 * LOAD_CLASS, and counts INSTANCE_DUMP sub-records of HEAP_DUMP / HEAP_DUMP_SEGMENT per class.
 */
final class HprofReader {
    private static final int STRING = 0x01;
    private static final int LOAD_CLASS = 0x02;
    private static final int HEAP_DUMP = 0x0C;
    private static final int HEAP_DUMP_SEGMENT = 0x1C;

    final String header;
    private final int idSize;
    private final Map<Long, String> strings = new HashMap<>();
    private final Map<Long, Long> classNameIds = new HashMap<>();
    private final Map<Long, Long> instancesByClassId = new HashMap<>();
    private final Map<Long, Integer> instanceSizeByClassId = new HashMap<>();
    private final Set<Long> dumpedClasses = new HashSet<>();

    private HprofReader(String header, int idSize) {
        this.header = header;
        this.idSize = idSize;
    }

    static HprofReader read(Path hprof) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(hprof), 1 << 16))) {
            StringBuilder h = new StringBuilder();
            for (int b = in.readUnsignedByte(); b != 0; b = in.readUnsignedByte()) {
                h.append((char) b);
            }
            HprofReader r = new HprofReader(h.toString(), in.readInt());
            in.readLong(); // timestamp
            r.records(in);
            return r;
        }
    }

    /** @param binaryName a class name as Class.getName() gives it @return instances in the dump */
    long instancesOf(String binaryName) {
        String internal = binaryName.replace('.', '/');
        long total = 0;
        for (Map.Entry<Long, Long> c : classNameIds.entrySet()) {
            String name = strings.get(c.getValue());
            if (internal.equals(name) || binaryName.equals(name)) {
                total += instancesByClassId.getOrDefault(c.getKey(), 0L);
            }
        }
        return total;
    }

    /** @return classes that had a CLASS_DUMP sub-record */
    int dumpedClassCount() {
        return dumpedClasses.size();
    }

    private void records(DataInputStream in) throws IOException {
        while (true) {
            int tag;
            try {
                tag = in.readUnsignedByte();
            } catch (EOFException end) {
                return;
            }
            in.readInt(); // time offset
            long length = Integer.toUnsignedLong(in.readInt());
            switch (tag) {
                case STRING -> {
                    long id = id(in);
                    byte[] utf8 = new byte[(int) (length - idSize)];
                    in.readFully(utf8);
                    strings.put(id, new String(utf8, StandardCharsets.UTF_8));
                }
                case LOAD_CLASS -> {
                    in.readInt(); // class serial
                    long classId = id(in);
                    in.readInt(); // stack serial
                    classNameIds.put(classId, id(in));
                }
                case HEAP_DUMP, HEAP_DUMP_SEGMENT -> heapDump(in, length);
                default -> skip(in, length);
            }
        }
    }

    private void heapDump(DataInputStream in, long length) throws IOException {
        long[] read = {0};
        while (read[0] < length) {
            int sub = in.readUnsignedByte();
            read[0]++;
            switch (sub) {
                case 0xFF, 0x05, 0x07 -> read[0] += skip(in, idSize);
                case 0x01 -> read[0] += skip(in, 2L * idSize);
                case 0x02, 0x03, 0x08 -> read[0] += skip(in, idSize + 8L);
                case 0x04, 0x06 -> read[0] += skip(in, idSize + 4L);
                case 0x20 -> read[0] += classDump(in);
                case 0x21 -> {
                    id(in);
                    in.readInt();
                    long classId = id(in);
                    int bytes = in.readInt();
                    skip(in, bytes);
                    instancesByClassId.merge(classId, 1L, Long::sum);
                    read[0] += 2L * idSize + 8 + bytes;
                }
                case 0x22 -> {
                    id(in);
                    in.readInt();
                    int n = in.readInt();
                    id(in);
                    skip(in, (long) n * idSize);
                    read[0] += 2L * idSize + 8 + (long) n * idSize;
                }
                case 0x23 -> {
                    id(in);
                    in.readInt();
                    int n = in.readInt();
                    int type = in.readUnsignedByte();
                    long bytes = (long) n * size(type);
                    skip(in, bytes);
                    read[0] += idSize + 9 + bytes;
                }
                default -> throw new IOException("unknown heap dump sub-record 0x" + Integer.toHexString(sub));
            }
        }
    }

    private long classDump(DataInputStream in) throws IOException {
        long read = 0;
        long classId = id(in);
        dumpedClasses.add(classId);
        in.readInt();
        for (int i = 0; i < 6; i++) {
            id(in); // super, loader, signers, protection domain, 2 reserved
        }
        instanceSizeByClassId.put(classId, in.readInt());
        read += 7L * idSize + 8;
        int constants = in.readUnsignedShort();
        read += 2;
        for (int i = 0; i < constants; i++) {
            in.readUnsignedShort();
            int type = in.readUnsignedByte();
            read += 3 + skip(in, size(type));
        }
        int statics = in.readUnsignedShort();
        read += 2;
        for (int i = 0; i < statics; i++) {
            id(in);
            int type = in.readUnsignedByte();
            read += idSize + 1 + skip(in, size(type));
        }
        int fields = in.readUnsignedShort();
        read += 2;
        for (int i = 0; i < fields; i++) {
            id(in);
            in.readUnsignedByte();
            read += idSize + 1;
        }
        return read;
    }

    private int size(int type) throws IOException {
        return switch (type) {
            case 2 -> idSize;
            case 4, 8 -> 1;
            case 5, 9 -> 2;
            case 6, 10 -> 4;
            case 7, 11 -> 8;
            default -> throw new IOException("unknown basic type " + type);
        };
    }

    private long id(DataInputStream in) throws IOException {
        return idSize == 8 ? in.readLong() : Integer.toUnsignedLong(in.readInt());
    }

    private static long skip(DataInputStream in, long n) throws IOException {
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                in.readByte();
                skipped = 1;
            }
            left -= skipped;
        }
        return n;
    }
}
