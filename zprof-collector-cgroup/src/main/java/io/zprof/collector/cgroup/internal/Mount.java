package io.zprof.collector.cgroup.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One line of {@code /proc/self/mountinfo}, reduced to what cgroup resolution needs.
 *
 * @param root         the directory of the mounted file system that appears at the mount point ({@code /} or a
 *                     cgroup path when a container sees only its own subtree)
 * @param mountPoint   where it is mounted, as the process sees it
 * @param fsType       {@code cgroup}, {@code cgroup2}, {@code proc}, ...
 * @param superOptions the per-superblock options; for cgroup v1 they name the controllers
 */
record Mount(String root, String mountPoint, String fsType, Set<String> superOptions) {
    /** Defensive copy. */
    Mount {
        superOptions = Set.copyOf(superOptions);
    }

    /**
     * Parses mountinfo. Lines that do not have the documented shape
     * ({@code id parent major:minor root mountpoint options [optional...] - fstype source superoptions}) are skipped.
     *
     * @param text the whole file
     * @return the mounts, in file order
     */
    static List<Mount> parseAll(String text) {
        List<Mount> mounts = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split(" ");
            int dash = separatorIndex(f);
            if (dash < 0 || dash + 1 >= f.length) {
                continue;
            }
            String superOptions = dash + 3 < f.length ? f[dash + 3] : "";
            mounts.add(new Mount(unescape(f[3]), unescape(f[4]), f[dash + 1], commaSet(superOptions)));
        }
        return mounts;
    }

    /**
     * @param list comma-separated names, possibly empty or repeated
     * @return the distinct non-empty names
     */
    static Set<String> commaSet(String list) {
        Set<String> out = new HashSet<>();
        for (String s : list.split(",")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return Set.copyOf(out);
    }

    private static int separatorIndex(String[] f) {
        for (int i = 6; i < f.length; i++) {
            if (f[i].equals("-")) {
                return i;
            }
        }
        return -1;
    }

    /** mountinfo writes space, tab, newline and backslash in paths as octal escapes ({@code \040}). */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && isOctal(s, i + 1)) {
                out.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }
}
