package io.zprof.collector.cgroup.internal;

import java.nio.file.Path;

/**
 * Where the collector finds {@code /proc} and {@code /sys}: the real root in production, a fixture tree in tests.
 *
 * @param root the directory standing for {@code /}
 * @param self the name of this process's directory under {@code proc} ({@code self} in production)
 */
record FileSystemRoot(Path root, String self) {
    /** The real file system, seen by this process. */
    static final FileSystemRoot SYSTEM = new FileSystemRoot(Path.of("/"), "self");

    /**
     * @param file a file of this process, e.g. {@code status}
     * @return {@code <root>/proc/<self>/<file>}
     */
    Path process(String file) {
        return root.resolve("proc").resolve(self).resolve(file);
    }

    /**
     * @param absolutePath a path as the kernel prints it, e.g. a mount point {@code /sys/fs/cgroup/memory}
     * @return the same path under this root
     */
    Path host(String absolutePath) {
        String relative = absolutePath.startsWith("/") ? absolutePath.substring(1) : absolutePath;
        return relative.isEmpty() ? root : root.resolve(relative);
    }

    /** @return whether this is the real file system of the running process (so JVM beans describe the same process) */
    boolean isSystem() {
        return equals(SYSTEM);
    }
}
