package io.zprof.reporter.pyroscope;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Pyroscope has accepted: the recordings uploaded, by event id and artifact name, so that a retried event does
 * not send one again (Pyroscope would count its samples twice), and the periods uploaded to each service, so that no
 * two uploads share samples ({@link UploadedPeriods}).
 *
 * <p>Kept in a private file the reporter owns in the dump directory, rewritten (0600, temporary name then rename)
 * after each accepted upload and read at construction, so that the next process, which retries the events the spool
 * kept, knows what this one delivered. A file rather than a mark in each spool entry: the periods belong to no single
 * event, and the reporter keeps its state without a new channel through the engine. An upload accepted just before a
 * crash, before the file was rewritten, is sent again: delivery stays at least once. Bounded: the oldest entries are
 * forgotten first. Thread-safe.
 *
 * <p>Several writers may share the file: the reporter of an earlier configuration still delivering after
 * {@code update()}, or another process on the same dump directory. So the file is read again whenever it changed
 * since this instance last read or wrote it, and every rewrite first takes in what the file holds (two writers
 * rewriting at the same instant can still lose one entry: that recording is sent again, at least once).
 */
final class AcceptedUploads {
    private static final Logger LOG = LoggerFactory.getLogger(AcceptedUploads.class);
    /** The file's first line: its format. */
    private static final String HEADER = "zprof-pyroscope-accepted 1";
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path file;
    private final int capacity;
    private final Set<String> recordings = new LinkedHashSet<>();
    private final UploadedPeriods periods;
    private final UploadedPeriods triggerPeriods;
    private boolean warned;
    /** The file's modification time when this instance last read or wrote it; null before. */
    private FileTime seen;

    /**
     * @param file     the state file, or {@code null} to keep the state in memory only
     * @param capacity recordings and periods (per service) remembered at most
     */
    AcceptedUploads(Path file, int capacity) {
        this.file = file;
        this.capacity = capacity;
        this.periods = new UploadedPeriods(capacity);
        this.triggerPeriods = new UploadedPeriods(capacity);
        if (file != null) {
            synchronized (this) {
                refresh();
            }
        }
    }

    /**
     * @param triggers whether for the service of triggered captures ({@code <app>-triggers})
     * @return the periods uploaded to that service
     */
    synchronized UploadedPeriods periods(boolean triggers) {
        refresh();
        return triggers ? triggerPeriods : periods;
    }

    /** @param key event id and artifact name @return whether Pyroscope accepted that recording already */
    synchronized boolean contains(String key) {
        refresh();
        return recordings.contains(key);
    }

    /**
     * Records an accepted upload and rewrites the file.
     *
     * @param key      event id and artifact name
     * @param triggers whether it went to the service of triggered captures
     * @param from     its first sample
     * @param until    its last sample
     */
    synchronized void accepted(String key, boolean triggers, Instant from, Instant until) {
        refresh();
        recordings.add(key);
        while (recordings.size() > capacity) {
            recordings.remove(recordings.iterator().next());
        }
        (triggers ? triggerPeriods : periods).add(from, until);
        save();
    }

    /** Under the lock: takes in what another writer added to the file since this instance last saw it. */
    private void refresh() {
        if (file == null) {
            return;
        }
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            if (!modified.equals(seen)) {
                load();
                seen = modified;
            }
        } catch (IOException e) {
            // no file yet, or unreadable: load() says so when it matters
        }
    }

    /** Under the lock: adds what the file holds to what this instance knows. */
    private void load() {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot read {}: recordings Pyroscope accepted before this start may be sent again ({})", file,
                    e.toString());
            return;
        }
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            LOG.warn("Ignoring {}: not a file this version of zprof wrote", file);
            return;
        }
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            try {
                if (f.length == 2 && f[0].equals("R")) {
                    recordings.add(f[1]);
                } else if (f.length == 3 && (f[0].equals("P") || f[0].equals("T"))) {
                    (f[0].equals("T") ? triggerPeriods : periods).add(Instant.parse(f[1]), Instant.parse(f[2]));
                }
            } catch (DateTimeParseException e) {
                LOG.debug("Ignoring a malformed line of {}", file);
            }
        }
    }

    /** Under the lock. */
    private void save() {
        if (file == null) {
            return;
        }
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (String r : recordings) {
            if (r.indexOf('\n') < 0 && r.indexOf('\t') < 0) {
                sb.append("R\t").append(r).append('\n');
            }
        }
        appendPeriods(sb, "P", periods);
        appendPeriods(sb, "T", triggerPeriods);
        // a name of this process's own: another process on the same directory writes its own temporary file
        Path temp = file.resolveSibling(file.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-"
                + Long.toHexString(System.nanoTime()));
        try {
            Files.deleteIfExists(temp);
            if (POSIX) {
                Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(temp, sb, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            seen = Files.getLastModifiedTime(file);
            warned = false;
        } catch (IOException | RuntimeException e) {
            if (!warned) {
                warned = true;
                LOG.warn("Cannot write {}: after a restart, recordings Pyroscope accepted may be sent again ({})", file,
                        e.toString());
            }
        }
    }

    private static void appendPeriods(StringBuilder sb, String kind, UploadedPeriods p) {
        for (Instant[] period : p.all()) {
            sb.append(kind).append('\t').append(period[0]).append('\t').append(period[1]).append('\n');
        }
    }
}
