package io.zprof.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/** What the demo left on disk, and how to remove it: heap dumps make it hundreds of MiB per run. */
final class DemoDisk {
    private DemoDisk() {
    }

    /** @param dumps the demo's dump directory */
    static void print(Path dumps) throws IOException {
        long files = 0;
        long bytes = 0;
        long heapBytes = 0;
        try (Stream<Path> s = Files.walk(dumps)) {
            for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                long size = Files.size(p);
                files++;
                bytes += size;
                if (p.getFileName().toString().endsWith(".hprof")) {
                    heapBytes += size;
                }
            }
        }
        System.out.printf(Locale.ROOT, "%n== Disk: the demo left %d files, %.1f MiB (heap dumps %.1f MiB) in %s%n",
                files, bytes / 1048576.0, heapBytes / 1048576.0, dumps.toAbsolutePath());
        System.out.println("   remove them with: rm -rf " + dumps.toAbsolutePath()
                + "   (heap dumps hold the process's memory: treat them as secrets)");
    }
}
