package io.zprof.core.internal.report;

import io.zprof.core.internal.dump.PrivateFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The file operations of the {@link Spool}: private files written durably, atomic renames, links, clean-up. */
final class SpoolFiles {
    private static final Logger LOG = LoggerFactory.getLogger(Spool.class);

    private SpoolFiles() {
    }

    static void linkOrCopy(Path source, Path target) throws IOException {
        try {
            Files.createLink(target, source);
            return;
        } catch (UnsupportedOperationException | IOException e) {
            if (e instanceof FileAlreadyExistsException) {
                throw (FileAlreadyExistsException) e;
            }
            LOG.debug("Cannot hard-link {} into the spool ({}); copying it", source, e.toString());
        }
        Files.copy(source, target);
        PrivateFiles.restrictFile(target);
    }

    static void writeFile(Path file, byte[] body) throws IOException {
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try (FileChannel ch = FileChannel.open(file, options, PrivateFiles.privateFileAttributes(file))) {
            ByteBuffer buf = ByteBuffer.wrap(body);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }

    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static long treeSize(Path entryDir) throws IOException {
        long total = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(entryDir)) {
            for (Path p : ds) {
                total += Files.size(p);
            }
        }
        return total;
    }

    static void deleteTree(Path p) {
        try {
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(p)) {
                    for (Path child : ds) {
                        deleteTree(child);
                    }
                }
            }
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("Cannot delete {} from the spool: {}", p, e.toString());
        }
    }

    /** Keeps file names portable and inside their directory: letters, digits, dot, dash and underscore only. */
    static String safeName(String name) {
        String s = name == null ? "" : name.replaceAll("[^A-Za-z0-9._-]", "_").replaceFirst("^\\.+", "_");
        if (s.isEmpty()) {
            s = "_";
        }
        return s.length() > 100 ? s.substring(0, 100) : s;
    }
}
