package io.zprof.core.internal.dump;

import io.zprof.api.model.ArtifactRef;
import io.zprof.api.port.DumpOutput;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files of one event, written under temporary names ({@code .zprof-tmp-...}) and sealed — restricted to the
 * owner and atomically renamed to {@code {type}_{yyyyMMdd-HHmmss}_{eventId}.{ext}} — only when complete, so a
 * reader never sees a half-written file.
 */
public final class EventFiles implements DumpOutput {
    /** Temporary names start with this; leftovers from a crash are removed. */
    static final String TEMP_PREFIX = ".zprof-tmp-";
    /** Then the writing JVM ({@link TempFileOwner}): whether it still runs tells a leftover from a file in flight. */
    private static final String OWNER = TempFileOwner.CURRENT;
    /**
     * A temporary file whose writer cannot be checked (another container's JVM sharing the volume) is kept while it
     * was written to within this time: a dump being written keeps its modification time fresh, a leftover does not.
     */
    static final Duration OTHER_WRITER_GRACE = Duration.ofHours(1);
    private static final AtomicInteger SEQ = new AtomicInteger();
    /** Temporary files of captures running in this process: the leftover cleanup must not delete them. */
    private static final Set<Path> IN_FLIGHT = ConcurrentHashMap.newKeySet();

    private record Pending(Path temp, String type, String extension) {
    }

    private final Path directory;
    private final String stamp;
    private final String eventId;
    private final List<Pending> pending = new ArrayList<>();

    EventFiles(Path directory, String stamp, String eventId) {
        this.directory = directory;
        this.stamp = stamp;
        this.eventId = eventId;
    }

    /** @return the dump directory */
    public Path directory() {
        return directory;
    }

    @Override
    public synchronized Path newFile(String type, String extension) throws IOException {
        if (!type.matches("[a-z][a-z0-9-]*") || !extension.matches("[a-z0-9]+")) {
            throw new IOException("artifact type and extension must be lowercase words: '" + type + "', '" + extension + "'");
        }
        Path temp = directory.resolve(TEMP_PREFIX + OWNER + "-" + SEQ.incrementAndGet() + "-" + type + "_" + stamp + "_"
                + eventId + "." + extension);
        pending.add(new Pending(temp, type, extension));
        IN_FLIGHT.add(temp);
        return temp;
    }

    /**
     * Seals every file written since the last call.
     *
     * @param kind the dump kind that wrote them, recorded in each {@link ArtifactRef}
     * @return the sealed files; requested paths the dumper never created are ignored
     * @throws IOException when sealing fails (the temporary files are removed)
     */
    public synchronized List<ArtifactRef> seal(String kind) throws IOException {
        return sealPending(kind, false);
    }

    /**
     * Seals every file written since the last call under its plain final name, replacing a file of that name (the
     * holder analysis's note, the report being rebuilt) in one rename, so a reader sees the old file or the new one.
     *
     * @param kind the dump kind that wrote them
     * @return the sealed files
     * @throws IOException when sealing fails (the temporary files are removed)
     */
    public synchronized List<ArtifactRef> sealReplacing(String kind) throws IOException {
        return sealPending(kind, true);
    }

    private List<ArtifactRef> sealPending(String kind, boolean replace) throws IOException {
        List<ArtifactRef> out = new ArrayList<>();
        try {
            for (Pending p : pending) {
                if (!Files.isRegularFile(p.temp())) {
                    continue;
                }
                PrivateFiles.restrictFile(p.temp());
                Path target = replace ? Files.move(p.temp(), directory.resolve(finalName(p.type(), p.extension())),
                        StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING) : moveToFreeName(p);
                out.add(new ArtifactRef(target.getFileName().toString(), kind, target.toAbsolutePath(), Files.size(target)));
            }
        } finally {
            discard();
        }
        return out;
    }

    /**
     * @return the sealed files of this event in the directory now, by name ({@code {type}_{stamp}_{eventId}.{ext}}
     *         and the {@code -N} names of a second file of a type)
     * @throws IOException when the directory cannot be listed
     */
    public List<Path> existing() throws IOException {
        Pattern name = Pattern.compile("[a-z][a-z0-9-]*_" + Pattern.quote(stamp) + "_" + Pattern.quote(eventId)
                + "(-\\d+)?\\.[a-z0-9]+");
        try (Stream<Path> s = Files.list(directory)) {
            return s.filter(p -> name.matcher(p.getFileName().toString()).matches()).sorted().toList();
        }
    }

    /**
     * After a dumper failed: seals the files it finished and deletes the one it was writing. A dumper finishes a
     * file before it asks for the next one (see {@link DumpOutput#newFile}), so every file but the last one it asked
     * for is complete.
     *
     * @param kind the dump kind that wrote them
     * @return the files kept
     * @throws IOException when sealing fails (the temporary files are removed)
     */
    public synchronized List<ArtifactRef> sealFinished(String kind) throws IOException {
        if (pending.isEmpty()) {
            return List.of();
        }
        Pending writing = pending.remove(pending.size() - 1);
        try {
            return seal(kind);
        } finally {
            pending.add(writing);
            discard();
        }
    }

    /** Deletes every temporary file not sealed yet (after a failed capture). */
    public synchronized void discard() {
        for (Pending p : pending) {
            try {
                Files.deleteIfExists(p.temp());
            } catch (IOException ignored) {
                // best effort: a leftover temp file is removed at the next start
            }
            IN_FLIGHT.remove(p.temp());
        }
        pending.clear();
    }

    /**
     * Creates and deletes an empty temporary file, protected from the leftover cleanup of concurrent captures.
     *
     * @param directory the dump directory
     * @throws IOException when no file can be created there (read-only, no permission, no inode left)
     */
    static void probe(Path directory) throws IOException {
        Path probe = directory.resolve(TEMP_PREFIX + OWNER + "-" + SEQ.incrementAndGet() + "-probe");
        IN_FLIGHT.add(probe);
        try {
            Files.createFile(probe, PrivateFiles.privateFileAttributes(directory));
            Files.delete(probe);
        } finally {
            IN_FLIGHT.remove(probe);
        }
    }

    /**
     * @param temp a temporary file found in a dump directory
     * @return whether a capture may still be writing it: one of this JVM's in flight, one of another live process
     *         in this pid namespace, or one whose writer cannot be checked written to within
     *         {@link #OTHER_WRITER_GRACE}; else it is a leftover of a dead process
     */
    static boolean inFlight(Path temp) {
        String name = temp.getFileName().toString();
        int dash = name.indexOf('-', TEMP_PREFIX.length());
        String owner = dash > 0 ? name.substring(TEMP_PREFIX.length(), dash) : "";
        if (owner.equals(OWNER)) {
            return IN_FLIGHT.contains(temp);
        }
        switch (TempFileOwner.of(owner)) {
            case ALIVE:
                return true;
            case DEAD:
                return false;
            default:
                break;
        }
        try {
            return Files.getLastModifiedTime(temp).toInstant().isAfter(Instant.now().minus(OTHER_WRITER_GRACE));
        } catch (IOException e) {
            return false;
        }
    }

    /** @return the name a sealed file gets (without collision suffix) */
    String finalName(String type, String extension) {
        return type + "_" + stamp + "_" + eventId + "." + extension;
    }

    private Path moveToFreeName(Pending p) throws IOException {
        for (int n = 1; ; n++) {
            String name = n == 1 ? finalName(p.type(), p.extension())
                    : p.type() + "_" + stamp + "_" + eventId + "-" + n + "." + p.extension();
            Path target = directory.resolve(name);
            if (Files.exists(target)) {
                continue;
            }
            try {
                // rename(2) would replace an existing file, hence the check above; event ids are unique, so a
                // clash can only come from this event writing one type twice, which this lock serializes
                Files.move(p.temp(), target, StandardCopyOption.ATOMIC_MOVE);
                return target;
            } catch (FileAlreadyExistsException raced) {
                // try the next suffix
            }
        }
    }
}
