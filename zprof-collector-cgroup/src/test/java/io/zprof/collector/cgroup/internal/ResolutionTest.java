package io.zprof.collector.cgroup.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Parsing of mountinfo and /proc/self/cgroup, and the mapping of cgroup paths onto mounts. */
class ResolutionTest {
    private static final FileSystemRoot FS = new FileSystemRoot(Path.of("/fake"), "self");

    @Test
    void mountinfoPathsAreUnescapedAndOptionalFieldsSkipped() {
        List<Mount> mounts = Mount.parseAll(
                "40 30 0:36 / /sys/fs/cgroup/my\\040dir rw,relatime shared:12 master:3 - cgroup none rw,cpu,cpuacct\n"
                        + "garbage line\n");
        assertEquals(List.of(new Mount("/", "/sys/fs/cgroup/my dir", "cgroup", Set.of("rw", "cpu", "cpuacct"))), mounts);
    }

    @Test
    void onlyTheFirstTwoColonsSeparateFields() {
        List<CgroupMembership> m = CgroupMembership.parseAll("11:memory:/a.slice:cri-containerd:86ac\n0::/x\nbad\n");
        assertEquals(new CgroupMembership(11, Set.of("memory"), "/a.slice:cri-containerd:86ac"), m.get(0));
        assertEquals(new CgroupMembership(0, Set.of(), "/x"), m.get(1));
        assertEquals(2, m.size());
    }

    @Test
    void pathsMapOntoTheMountRoot() {
        Mount host = new Mount("/", "/sys/fs/cgroup/memory", "cgroup", Set.of("memory"));
        assertEquals(Path.of("/fake/sys/fs/cgroup/memory/a/b"),
                CgroupResolver.dir(CgroupVersion.V1, FS, host, "/a/b").leaf());
        Mount container = new Mount("/docker/abc", "/sys/fs/cgroup/memory", "cgroup", Set.of("memory"));
        assertEquals(Path.of("/fake/sys/fs/cgroup/memory"),
                CgroupResolver.dir(CgroupVersion.V1, FS, container, "/docker/abc").leaf());
        assertEquals(Path.of("/fake/sys/fs/cgroup/memory/sub"),
                CgroupResolver.dir(CgroupVersion.V1, FS, container, "/docker/abc/sub").leaf());
        // outside the visible subtree, or climbing out of a cgroup namespace: the mount point
        assertEquals(Path.of("/fake/sys/fs/cgroup/memory"),
                CgroupResolver.dir(CgroupVersion.V1, FS, container, "/docker/other").leaf());
        assertEquals(Path.of("/fake/sys/fs/cgroup/memory"),
                CgroupResolver.dir(CgroupVersion.V1, FS, host, "/../../etc").leaf());
    }

    @Test
    void levelsGoFromTheLeafUpToTheMountPoint() {
        ControllerDir d = new ControllerDir(CgroupVersion.V2, Path.of("/fake/sys/fs/cgroup/a/b"), Path.of("/fake/sys/fs/cgroup"));
        assertEquals(List.of(Path.of("/fake/sys/fs/cgroup/a/b"), Path.of("/fake/sys/fs/cgroup/a"),
                Path.of("/fake/sys/fs/cgroup")), d.levels());
    }
}
