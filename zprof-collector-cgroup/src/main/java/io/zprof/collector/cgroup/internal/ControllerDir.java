package io.zprof.collector.cgroup.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where one controller's files are for this process.
 *
 * @param version    the interface of the hierarchy
 * @param leaf       the process's own cgroup directory
 * @param mountPoint the top of the hierarchy as this process can see it; limits are searched up to here
 */
record ControllerDir(CgroupVersion version, Path leaf, Path mountPoint) {
    /**
     * The kernel enforces the tightest limit of a cgroup and all its ancestors, so limits are read at every level.
     *
     * @return the leaf, its parent, ... up to and including the mount point
     */
    List<Path> levels() {
        List<Path> out = new ArrayList<>();
        for (Path p = leaf; p != null && p.startsWith(mountPoint); p = p.getParent()) {
            out.add(p);
        }
        return out;
    }

    /**
     * @param level one of {@link #levels()}
     * @return {@code "the process's own cgroup DIR"} for the leaf, {@code "ancestor cgroup DIR"} above it
     */
    String describeLevel(Path level) {
        if (level.equals(leaf)) {
            return "the process's own cgroup " + level;
        }
        return (level.equals(leaf.getParent()) ? "parent cgroup " : "ancestor cgroup ") + level;
    }
}
