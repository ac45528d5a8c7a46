package io.zprof.core.internal.dump;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
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
     * Creates {@code dir} (and parents) 0700, or restricts an existing one this process owns.
     *
     * @param dir the directory
     * @param settingKey the setting that named it, for errors
     * @throws IOException when it cannot be created, is not a directory, or is shared with other users
     *         (world-writable such as /tmp: zprof will not take over a shared directory)
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
        if (posix) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
            if (perms.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw new IOException(settingKey + "=" + dir + ": directory is writable by every user; "
                        + "point zprof at a dedicated directory (it will be made 0700)");
            }
            if (!perms.equals(DIR)) {
                Files.setPosixFilePermissions(dir, DIR);
            }
        }
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

    /** @return the owner-only file attribute for {@code Files.createFile}, or none on non-POSIX systems */
    static FileAttribute<?>[] privateFileAttributes(Path where) {
        return isPosix(where) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
    }

    private static boolean isPosix(Path p) {
        return p != null && p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
