package io.zprof.core.internal.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zprof.api.model.ArtifactRef;
import io.zprof.api.model.ReportEvent;
import io.zprof.core.internal.dump.PrivateFiles;
import io.zprof.core.internal.report.SpoolRecord.SpoolArtifact;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reporter's on-disk spool: {@code <spool dir>/<reporter>/<seq>-<eventId>/} holding {@code event.json} and the
 * event's artifacts. Artifacts are hard-linked from the dump directory (copied when a link is impossible), so dump
 * retention cannot delete them while they wait. An entry is assembled under a temporary name and renamed into
 * place, so a crash never leaves a half-written entry behind under a real name. Directories are 0700 and files
 * 0600 on POSIX file systems ({@link PrivateFiles}).
 *
 * <p>One owner at a time: two owners would deliver and delete each other's events. Another process is kept out by
 * a lock on {@code .lock}; another owner in this JVM (a second zprof instance on the same directory) by
 * {@link #HELD_HERE}, checked first.
 *
 * <p>Not thread-safe: each spool is used by its reporter's worker only (the byte budget is shared and atomic).
 */
final class Spool {
    private static final Logger LOG = LoggerFactory.getLogger(Spool.class);
    private static final String EVENT_FILE = "event.json";
    private static final String TEMP_PREFIX = ".tmp-";
    private static final String LOCK_FILE = ".lock";
    private static final Pattern ENTRY = Pattern.compile("(\\d{1,19})-.*");
    /**
     * Spool directories owned in this JVM (real paths). Checked before the lock file is opened at all: on Linux,
     * closing any descriptor of a file drops every lock the process holds on it, so probing the lock file while
     * another owner in this JVM holds it would silently release that owner's lock to other processes.
     */
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final String reporter;
    private final Path dir;
    private final SpoolBudget budget;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final FileChannel lockChannel;
    /** The key of this spool in {@link #HELD_HERE}: its real path. */
    private final Path heldAs;

    /**
     * @param root     the spool directory (created 0700 when missing; an existing one is left as it is)
     * @param reporter the reporter name, also its sub-directory
     * @param budget   the byte cap shared by all reporters
     * @param clock    for the {@code spooledAt} time stamp
     * @throws IOException when the directories cannot be created, or another process or zprof instance already uses
     *                     this reporter's spool
     */
    Spool(Path root, String reporter, SpoolBudget budget, Clock clock) throws IOException {
        this.reporter = reporter;
        this.dir = root.resolve(reporter);
        this.budget = budget;
        this.clock = clock;
        if (!Files.isDirectory(root)) {
            Files.createDirectories(root, PrivateFiles.privateDirectoryAttributes(root));
        }
        if (!Files.isDirectory(dir)) {
            Files.createDirectory(dir, PrivateFiles.privateDirectoryAttributes(dir));
        }
        // the real path: a second path to the same directory (a link) must meet the same entry
        Path owned = dir.toRealPath();
        if (!HELD_HERE.add(owned)) {
            // before the lock file is opened: closing a descriptor of it would drop the holder's lock
            throw new IOException("spool directory " + dir + " is already in use by another zprof instance in this JVM");
        }
        FileChannel channel = null;
        FileLock lock = null;
        try {
            PrivateFiles.restrictDirectory(dir);
            Path lockFile = dir.resolve(LOCK_FILE);
            channel = FileChannel.open(lockFile, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    PrivateFiles.privateFileAttributes(lockFile));
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } finally {
            if (lock == null) {
                HELD_HERE.remove(owned);
                if (channel != null) {
                    channel.close();
                }
            }
        }
        if (lock == null) {
            throw new IOException("spool directory " + dir + " is already in use by another zprof instance");
        }
        lockChannel = channel;
        heldAs = owned;
    }

    /** Releases the directory for another owner. Idempotent. */
    synchronized void close() {
        if (!lockChannel.isOpen()) {
            return;
        }
        try {
            lockChannel.close();
        } catch (IOException e) {
            LOG.debug("Cannot release the spool lock of reporter '{}': {}", reporter, e.toString());
        } finally {
            HELD_HERE.remove(heldAs);
        }
    }

    /** @return this reporter's spool directory */
    Path directory() {
        return dir;
    }

    /**
     * Finds the entries a previous run left, oldest first, and counts their bytes against the budget. Leftovers of
     * interrupted writes are deleted; unreadable entries are deleted with a warning and counted in the result.
     *
     * @param known entry directories the caller already holds (when it opens the spool again after a fault): left
     *              alone and not counted again
     * @return the entries and how many were unreadable
     * @throws IOException when the directory cannot be listed
     */
    Loaded load(Set<Path> known) throws IOException {
        List<SpoolEntry> entries = new ArrayList<>();
        int corrupt = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (name.equals(LOCK_FILE) || known.contains(p)) {
                    continue;
                }
                Matcher m = ENTRY.matcher(name);
                if (name.startsWith(TEMP_PREFIX) || !m.matches() || !Files.isDirectory(p)) {
                    LOG.debug("Deleting leftover {} in the spool of reporter '{}'", p, reporter);
                    SpoolFiles.deleteTree(p);
                    continue;
                }
                try {
                    Files.deleteIfExists(p.resolve(EVENT_FILE + ".tmp"));
                    SpoolRecord r = readRecord(p);
                    long bytes = SpoolFiles.treeSize(p);
                    budget.claim(bytes);
                    entries.add(new SpoolEntry(Long.parseLong(m.group(1)), p, bytes, r.attempts()));
                } catch (IOException | RuntimeException e) {
                    corrupt++;
                    LOG.warn("Deleting unreadable spooled event {} of reporter '{}': {}", p, reporter, e.toString());
                    SpoolFiles.deleteTree(p);
                }
            }
        }
        entries.sort(Comparator.comparingLong(SpoolEntry::seq));
        return new Loaded(entries, corrupt);
    }

    /**
     * What {@link #load(Set)} found.
     *
     * @param entries readable entries, oldest first
     * @param corrupt unreadable entries that were deleted
     */
    record Loaded(List<SpoolEntry> entries, int corrupt) {
    }

    /**
     * Writes an event and links its artifacts into a new entry.
     *
     * @param seq   the event's sequence number
     * @param event the event
     * @return the entry, or {@code null} when the byte cap refuses it
     * @throws IOException when writing fails (nothing is left behind)
     */
    SpoolEntry write(long seq, ReportEvent event) throws IOException {
        List<ArtifactRef> present = new ArrayList<>();
        List<SpoolArtifact> stored = new ArrayList<>();
        long artifactBytes = 0;
        for (ArtifactRef a : event.artifacts()) {
            long size;
            try {
                size = Files.size(a.path());
            } catch (NoSuchFileException e) {
                LOG.warn("Artifact {} of event {} is gone; spooling the event without it", a.path(), event.eventId());
                continue;
            }
            present.add(a);
            stored.add(new SpoolArtifact(a.name(), a.kind(), String.format("%02d-%s", stored.size(), SpoolFiles.safeName(a.name())), size));
            artifactBytes += size;
        }
        byte[] body = json.writeValueAsBytes(SpoolRecord.of(event, stored, clock.instant()));
        long bytes = body.length + artifactBytes;
        if (!budget.tryReserve(bytes)) {
            return null;
        }
        String name = String.format("%019d-%s", seq, SpoolFiles.safeName(event.eventId()));
        Path temp = dir.resolve(TEMP_PREFIX + name);
        try {
            Files.createDirectory(temp, PrivateFiles.privateDirectoryAttributes(temp));
            for (int i = 0; i < present.size(); i++) {
                SpoolFiles.linkOrCopy(present.get(i).path(), temp.resolve(stored.get(i).file()));
            }
            SpoolFiles.writeFile(temp.resolve(EVENT_FILE), body);
            Path target = dir.resolve(name);
            SpoolFiles.move(temp, target);
            return new SpoolEntry(seq, target, bytes, 0);
        } catch (IOException | RuntimeException e) {
            budget.release(bytes);
            SpoolFiles.deleteTree(temp);
            throw e;
        }
    }

    /**
     * Reads an entry back. Only files inside the entry's own directory are handed on: an {@code event.json} edited to
     * name an absolute path, a {@code ..} path or a link leading out of it would make a reporter upload any file the
     * process can read.
     *
     * @param entry     a spooled entry
     * @param onRefused called once per artifact left out because it names a file outside the entry
     * @return its event, with artifact paths inside the spool; artifacts whose files vanished are left out
     * @throws IOException when {@code event.json} cannot be read
     */
    ReportEvent read(SpoolEntry entry, Runnable onRefused) throws IOException {
        SpoolRecord r = readRecord(entry.dir());
        Path home = entry.dir().toRealPath();
        List<SpoolArtifact> present = new ArrayList<>();
        for (SpoolArtifact a : r.artifacts() == null ? List.<SpoolArtifact>of() : r.artifacts()) {
            Path file = a.file() == null ? null : entry.dir().resolve(a.file());
            if (file == null || !Files.exists(file)) {
                LOG.warn("Spooled artifact {} of event {} is gone; delivering the event without it",
                        a.file(), r.eventId());
            } else if (!home.equals(file.toRealPath().getParent()) || !Files.isRegularFile(file)) {
                LOG.warn("Spooled artifact {} of event {} names a file outside its spool entry {}; refused, the event"
                        + " is delivered without it", a.file(), r.eventId(), entry.dir());
                onRefused.run();
            } else {
                present.add(a);
            }
        }
        return r.toEvent(entry.dir(), present);
    }

    /**
     * Keeps the retry state with the entry, so it survives restarts.
     *
     * @param entry     the entry
     * @param attempts  attempts so far
     * @param lastError the last delivery error
     * @throws IOException when the file cannot be replaced
     */
    void recordAttempts(SpoolEntry entry, int attempts, String lastError) throws IOException {
        SpoolRecord r = readRecord(entry.dir()).withAttempts(attempts, lastError);
        Path temp = entry.dir().resolve(EVENT_FILE + ".tmp");
        Files.deleteIfExists(temp);
        SpoolFiles.writeFile(temp, json.writeValueAsBytes(r));
        SpoolFiles.move(temp, entry.dir().resolve(EVENT_FILE));
    }

    /** @param entry an entry that was delivered or failed for good; its files are deleted and its bytes released */
    void remove(SpoolEntry entry) {
        SpoolFiles.deleteTree(entry.dir());
        budget.release(entry.bytes());
    }

    private SpoolRecord readRecord(Path entryDir) throws IOException {
        SpoolRecord r = json.readValue(entryDir.resolve(EVENT_FILE).toFile(), SpoolRecord.class);
        if (r.format() != SpoolRecord.FORMAT) {
            throw new IOException("unsupported spool format " + r.format());
        }
        return r;
    }
}
