package io.zprof.core.internal.dump;

import io.zprof.api.model.ArtifactRef;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The private dump directory: creates it 0700 (an existing one keeps its mode, see {@link PrivateFiles}), checks
 * that it can be written, removes partial files of dead writers, opens per-event {@link EventFiles}, and enforces
 * retention by file count and total bytes, oldest first. Only files named like zprof artifacts are ever deleted.
 * What it finds is reported to a {@link DumpDirectoryHealth}.
 */
public final class DumpDirectory {
    /** The setting that names the directory: every error about it names it. */
    public static final String SETTING = "zprof.dump.path";
    private static final Logger LOG = LoggerFactory.getLogger(DumpDirectory.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    /** {type}_{yyyyMMdd-HHmmss}_{eventId}[-n].{ext} */
    private static final Pattern ARTIFACT = Pattern.compile("[a-z][a-z0-9-]*_\\d{8}-\\d{6}_[0-9]+(-\\d+)?\\.[a-z0-9]+");
    /** One retention pass at a time per directory in this JVM (captures and chunks finish concurrently). */
    private static final Map<Path, RetentionGate> RETENTION = new ConcurrentHashMap<>();

    private final Path directory;
    private final DumpDirectoryHealth health;

    /** @param directory the configured dump directory ({@code zprof.dump.path}); its state is kept to itself */
    public DumpDirectory(Path directory) {
        this(directory, new DumpDirectoryHealth(Clock.systemUTC()));
    }

    /**
     * @param directory the configured dump directory ({@code zprof.dump.path})
     * @param health    where what the directory's checks find is reported
     */
    public DumpDirectory(Path directory, DumpDirectoryHealth health) {
        this.directory = directory.toAbsolutePath().normalize();
        this.health = health;
    }

    /** @return the absolute directory */
    public Path path() {
        return directory;
    }

    /**
     * Creates the directory 0700 when it does not exist (again, when it was deleted), checks that a file can be
     * created in it, and removes the partial files of writers that died (see {@link EventFiles#inFlight}); those of
     * captures still running are kept. Success and removals go to the health; a failure is the caller's to report
     * (a rejected {@code update()} leaves the directory in force alone).
     *
     * @throws IOException when the directory cannot be used; the message names {@code zprof.dump.path} and the path
     */
    public void prepare() throws IOException {
        PrivateFiles.ensurePrivateDirectory(directory, SETTING);
        probeWritable();
        removeLeftovers();
        health.usable(directory);
    }

    /**
     * @return a warning when the directory existed with a mode that lets other users in (zprof leaves the mode of a
     *         directory it did not create alone; its files are 0600 either way)
     * @throws IOException when the mode cannot be read
     */
    public Optional<String> looseModeWarning() throws IOException {
        return PrivateFiles.looseness(directory).map(mode -> SETTING + "=" + directory + " has mode " + mode
                + ": other users can list the evidence's names (the files themselves are 0600); zprof leaves the mode"
                + " of a directory it did not create as it is: make it 0700, or name a directory zprof creates");
    }

    private void probeWritable() throws IOException {
        try {
            EventFiles.probe(directory);
        } catch (IOException e) {
            throw new IOException(SETTING + "=" + directory + ": cannot write in it (" + e + ")", e);
        }
    }

    private void removeLeftovers() throws IOException {
        int files = 0;
        long bytes = 0;
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(directory, EventFiles.TEMP_PREFIX + "*")) {
            for (Path p : ds) {
                if (EventFiles.inFlight(p)) {
                    continue;
                }
                try {
                    long size = Files.size(p);
                    if (Files.deleteIfExists(p)) {
                        files++;
                        bytes += size;
                        names.add(p.getFileName().toString());
                    }
                } catch (NoSuchFileException gone) {
                    // removed by another check running at the same time
                }
            }
        }
        if (files > 0) {
            health.partialFilesRemoved(files, bytes);
            LOG.warn("zprof: removed {} partial file(s), {} bytes, left in {} by writers that died: {}", files, bytes,
                    directory, names);
        }
    }

    /**
     * @param eventId unique event id
     * @param time    event time; its UTC second is part of every file name
     * @return where the event's dumpers write
     * @throws IOException when the directory cannot be used
     */
    public EventFiles open(String eventId, Instant time) throws IOException {
        prepare();
        return new EventFiles(directory, STAMP.format(time), eventId);
    }

    /**
     * Deletes the oldest artifacts until at most {@code maxFiles} remain and they take at most {@code maxBytes}.
     * Single-flight: while a pass runs on this directory, a request returns at once and the running pass makes one
     * more pass after its own, with the latest budget (two passes listing together would delete the same files and
     * trip over each other's deletions).
     *
     * @param maxFiles file budget
     * @param maxBytes byte budget
     * @return the artifacts this call deleted (none when another thread's pass ran the request)
     */
    public List<Path> enforceRetention(int maxFiles, long maxBytes) {
        RetentionGate gate = RETENTION.computeIfAbsent(directory, d -> new RetentionGate());
        gate.requested.set(new long[] {maxFiles, maxBytes});
        List<Path> deleted = new ArrayList<>();
        // the loop's check again covers a request made after the running pass took its last one but before it let go
        while (gate.requested.get() != null && gate.running.compareAndSet(false, true)) {
            try {
                long[] budget;
                while ((budget = gate.requested.getAndSet(null)) != null) {
                    deleted.addAll(retentionPass((int) budget[0], budget[1]));
                }
            } finally {
                gate.running.set(false);
            }
        }
        return deleted;
    }

    /** A pass running on a directory, and the budget of the request made during it. */
    private static final class RetentionGate {
        final AtomicBoolean running = new AtomicBoolean();
        final AtomicReference<long[]> requested = new AtomicReference<>();
    }

    private List<Path> retentionPass(int maxFiles, long maxBytes) {
        record Entry(Path path, long modified, long size) {
        }
        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(directory)) {
            for (Path p : ds) {
                if (!ARTIFACT.matcher(p.getFileName().toString()).matches()) {
                    continue;
                }
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException gone) {
                    // deleted since the listing (another JVM sharing the directory): nothing to count
                    continue;
                }
                if (a.isRegularFile()) {
                    entries.add(new Entry(p, a.lastModifiedTime().toMillis(), a.size()));
                }
            }
        } catch (IOException e) {
            LOG.warn("zprof: cannot list {} for retention: {}", directory, e.toString());
            return List.of();
        }
        entries.sort(Comparator.comparingLong(Entry::modified).thenComparing(e -> e.path().getFileName().toString()));
        long total = entries.stream().mapToLong(Entry::size).sum();
        int count = entries.size();
        List<Path> deleted = new ArrayList<>();
        for (Entry e : entries) {
            if (count <= maxFiles && total <= maxBytes) {
                break;
            }
            try {
                if (Files.deleteIfExists(e.path())) {
                    deleted.add(e.path());
                }
                count--;
                total -= e.size();
            } catch (IOException ex) {
                LOG.warn("zprof: retention could not delete {}: {}", e.path(), ex.toString());
            }
        }
        if (!deleted.isEmpty()) {
            LOG.info("zprof: retention removed {} old artifact(s) from {}", deleted.size(), directory);
        }
        return deleted;
    }

    /**
     * @param artifacts sealed artifacts
     * @return their total size
     */
    public static long totalBytes(List<ArtifactRef> artifacts) {
        return artifacts.stream().mapToLong(ArtifactRef::sizeBytes).sum();
    }
}
