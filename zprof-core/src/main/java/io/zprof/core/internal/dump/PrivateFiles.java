package io.zprof.core.internal.dump;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Owner-only permissions: evidence holds secrets (a heap dump contains every password in memory). Directories are
 * 0700 and files 0600 on POSIX file systems; elsewhere the platform default applies.
 */
public final class PrivateFiles {
    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    /**
     * Creates {@code dir} (and parents) 0700. An existing directory is used as it is: its mode is the owner's
     * (an administrator's 0750 or 0500, a shared {@code /var/log}), zprof only refuses one every user may write to.
     * See {@link #looseness(Path)} for one that others may read.
     *
     * @param dir the directory
     * @param settingKey the setting that named it, for errors
     * @throws IOException when it cannot be created, is not a directory, or is writable by every user (such as
     *         /tmp: zprof will not put evidence into a shared directory)
     */
    public static void ensurePrivateDirectory(Path dir, String settingKey) throws IOException {
        boolean posix = isPosix(dir.toAbsolutePath().getRoot());
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            try {
                create(dir, posix);
            } catch (IOException e) {
                // the JDK's message is often just a path (FileAlreadyExistsException: /srv/app.jar)
                throw new IOException(settingKey + "=" + dir + ": cannot be created (" + e + ")", e);
            }
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(settingKey + "=" + dir + ": not a directory (symbolic links are not followed)");
        }
        if (posix && Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS).contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new IOException(settingKey + "=" + dir + ": directory is writable by every user; "
                    + "point zprof at a dedicated directory (zprof creates it 0700)");
        }
    }

    /**
     * @param dir an existing directory
     * @return its mode when users other than its owner may enter or list it, for a warning; empty when it is
     *         private or the file system has no POSIX modes
     * @throws IOException when the mode cannot be read
     */
    public static Optional<String> looseness(Path dir) throws IOException {
        if (!isPosix(dir.toAbsolutePath().getRoot())) {
            return Optional.empty();
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
        Set<PosixFilePermission> others = EnumSet.noneOf(PosixFilePermission.class);
        others.addAll(perms);
        others.removeAll(DIR);
        return others.isEmpty() ? Optional.empty() : Optional.of(PosixFilePermissions.toString(perms));
    }

    private static void create(Path dir, boolean posix) throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            if (posix) {
                FileAttribute<Set<PosixFilePermission>> attr = PosixFilePermissions.asFileAttribute(DIR);
                Files.createDirectory(dir, attr);
            } else {
                Files.createDirectory(dir);
            }
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            // created concurrently; checked by the caller like any existing directory
        }
    }

    /**
     * @param file a file this process wrote
     * @throws IOException when the permissions cannot be set
     */
    public static void restrictFile(Path file) throws IOException {
        if (isPosix(file)) {
            Files.setPosixFilePermissions(file, FILE);
        }
    }

    /**
     * @param dir a directory this process created
     * @throws IOException when the permissions cannot be set
     */
    public static void restrictDirectory(Path dir) throws IOException {
        if (isPosix(dir)) {
            Files.setPosixFilePermissions(dir, DIR);
        }
    }

    /**
     * @param where a path on the file system concerned
     * @return the owner-only file attribute for {@code Files.createFile} or {@code FileChannel.open}, or none on
     *         non-POSIX systems
     */
    public static FileAttribute<?>[] privateFileAttributes(Path where) {
        return isPosix(where) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
    }

    /**
     * @param where a path on the file system concerned
     * @return the owner-only attribute for {@code Files.createDirectory}, or none on non-POSIX systems
     */
    public static FileAttribute<?>[] privateDirectoryAttributes(Path where) {
        return isPosix(where) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(DIR)} : new FileAttribute<?>[0];
    }

    private static boolean isPosix(Path p) {
        return p != null && p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
