package io.zprof.collector.cgroup.internal;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Finds each controller's directory from {@code /proc/self/mountinfo} and {@code /proc/self/cgroup}.
 *
 * <p>A controller is read from v1 when a v1 hierarchy carrying it is mounted and the process belongs to it
 * (joined hierarchies such as {@code cpu,cpuacct,memory} included); otherwise from the unified hierarchy when it is
 * mounted. So a hybrid host (v1 controllers plus {@code /sys/fs/cgroup/unified}) reads v1, and a v2 host with only a
 * leftover v1 {@code freezer} reads v2. Nothing here depends on {@code /proc/cgroups}, which kernels without v1
 * do not fill. When a controller is mounted twice, the mount under {@code /sys/fs/cgroup} wins.
 */
final class CgroupResolver {
    private static final String STANDARD_MOUNT = "/sys/fs/cgroup";

    private CgroupResolver() {
    }

    /**
     * @param fs          where mount points are found
     * @param mounts      parsed mountinfo
     * @param memberships parsed {@code /proc/self/cgroup}
     * @return the directories found; empty for controllers that are not visible
     */
    static CgroupPaths resolve(FileSystemRoot fs, List<Mount> mounts, List<CgroupMembership> memberships) {
        Optional<ControllerDir> unified = unified(fs, mounts, memberships);
        return new CgroupPaths(controller("memory", fs, mounts, memberships).or(() -> unified),
                controller("cpu", fs, mounts, memberships).or(() -> unified),
                controller("cpuset", fs, mounts, memberships).or(() -> unified));
    }

    private static Optional<ControllerDir> controller(String name, FileSystemRoot fs, List<Mount> mounts,
                                                      List<CgroupMembership> memberships) {
        Optional<CgroupMembership> member = memberships.stream()
                .filter(m -> !m.isUnified() && m.controllers().contains(name)).findFirst();
        Optional<Mount> mount = preferred(mounts, m -> m.fsType().equals("cgroup") && m.superOptions().contains(name));
        if (member.isEmpty() || mount.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(dir(CgroupVersion.V1, fs, mount.get(), member.get().path()));
    }

    private static Optional<ControllerDir> unified(FileSystemRoot fs, List<Mount> mounts,
                                                   List<CgroupMembership> memberships) {
        Optional<CgroupMembership> member = memberships.stream().filter(CgroupMembership::isUnified).findFirst();
        Optional<Mount> mount = preferred(mounts, m -> m.fsType().equals("cgroup2"));
        if (member.isEmpty() || mount.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(dir(CgroupVersion.V2, fs, mount.get(), member.get().path()));
    }

    /** Extra mounts of the same hierarchy elsewhere (JDK-8293540) must not shadow the standard one. */
    private static Optional<Mount> preferred(List<Mount> mounts, Predicate<Mount> filter) {
        return mounts.stream().filter(filter)
                .min(Comparator.comparingInt(m -> m.mountPoint().startsWith(STANDARD_MOUNT) ? 0 : 1));
    }

    /**
     * Maps the process's cgroup path onto the mount. The mount shows the hierarchy from {@code mount.root()} down;
     * a path outside it (a container that sees only its own subtree, a process moved outside the visible part,
     * {@code /..} from a cgroup namespace) falls back to the mount point, the nearest cgroup that is visible.
     */
    static ControllerDir dir(CgroupVersion version, FileSystemRoot fs, Mount mount, String cgroupPath) {
        Path mountPoint = fs.host(mount.mountPoint()).normalize();
        String root = mount.root();
        String relative;
        if (root.equals("/")) {
            relative = cgroupPath;
        } else if (cgroupPath.startsWith(root + "/")) {
            relative = cgroupPath.substring(root.length());
        } else {
            relative = "/";
        }
        Path leaf = mountPoint;
        String trimmed = relative.startsWith("/") ? relative.substring(1) : relative;
        if (!trimmed.isEmpty()) {
            Path candidate = mountPoint.resolve(trimmed).normalize();
            leaf = candidate.startsWith(mountPoint) ? candidate : mountPoint;
        }
        return new ControllerDir(version, leaf, mountPoint);
    }
}
