package io.zprof.core.internal.dump;

import io.zprof.api.model.ArtifactRef;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The private dump directory: creates it 0700, opens per-event {@link EventFiles}, and enforces retention by file
 * count and total bytes, oldest first. Only files named like zprof artifacts are ever deleted.
 */
public final class DumpDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(DumpDirectory.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    /** {type}_{yyyyMMdd-HHmmss}_{eventId}[-n].{ext} */
    private static final Pattern ARTIFACT = Pattern.compile("[a-z][a-z0-9-]*_\\d{8}-\\d{6}_[0-9]+(-\\d+)?\\.[a-z0-9]+");

    private final Path directory;

    /** @param directory the configured dump directory ({@code zprof.dump.path}) */
    public DumpDirectory(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    /** @return the absolute directory */
    public Path path() {
        return directory;
    }

    /**
     * Creates the directory 0700 (or restricts it) and removes temporary files a crashed run left behind; those of
     * captures still running (two run at once) are kept.
     *
     * @throws IOException when the directory cannot be used; the message names {@code zprof.dump.path}
     */
    public void prepare() throws IOException {
        PrivateFiles.ensurePrivateDirectory(directory, "zprof.dump.path");
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(directory, EventFiles.TEMP_PREFIX + "*")) {
            for (Path p : ds) {
                if (!EventFiles.inFlight(p)) {
                    Files.deleteIfExists(p);
                }
            }
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
     *
     * @param maxFiles file budget
     * @param maxBytes byte budget
     * @return the artifacts deleted
     */
    public List<Path> enforceRetention(int maxFiles, long maxBytes) {
        record Entry(Path path, long modified, long size) {
        }
        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(directory)) {
            for (Path p : ds) {
                if (!ARTIFACT.matcher(p.getFileName().toString()).matches()) {
                    continue;
                }
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
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
                Files.deleteIfExists(e.path());
                deleted.add(e.path());
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
