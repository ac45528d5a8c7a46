package io.zprof.collector.cgroup.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One line of {@code /proc/self/cgroup}: {@code hierarchy-id:controller-list:cgroup-path}. The path may itself
 * contain colons (containerd's {@code ...slice:cri-containerd:<id>}), so only the first two colons separate fields.
 *
 * @param hierarchyId 0 for the cgroup v2 unified hierarchy
 * @param controllers v1 controllers of the hierarchy ({@code cpu}, {@code cpuacct}, {@code name=systemd}); empty for v2
 * @param path        the process's cgroup, relative to the hierarchy's root
 */
record CgroupMembership(int hierarchyId, Set<String> controllers, String path) {
    /** Defensive copy. */
    CgroupMembership {
        controllers = Set.copyOf(controllers);
    }

    /** @return whether this is the unified (v2) hierarchy line {@code 0::<path>} */
    boolean isUnified() {
        return hierarchyId == 0 && controllers.isEmpty();
    }

    /**
     * @param text the whole file; malformed lines are skipped
     * @return the memberships, in file order
     */
    static List<CgroupMembership> parseAll(String text) {
        List<CgroupMembership> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            int first = line.indexOf(':');
            int second = first < 0 ? -1 : line.indexOf(':', first + 1);
            if (second < 0) {
                continue;
            }
            int id;
            try {
                id = Integer.parseInt(line.substring(0, first).trim());
            } catch (NumberFormatException e) {
                continue;
            }
            String list = line.substring(first + 1, second);
            Set<String> controllers = Mount.commaSet(list);
            out.add(new CgroupMembership(id, controllers, line.substring(second + 1).trim()));
        }
        return out;
    }
}
