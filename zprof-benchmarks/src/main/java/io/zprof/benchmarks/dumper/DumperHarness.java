package io.zprof.benchmarks.dumper;

import io.zprof.api.config.ZprofConfig;
import io.zprof.api.port.DumpOutput;
import io.zprof.api.port.Dumper;
import io.zprof.api.spi.DumperProvider;
import io.zprof.testing.TestProviderContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * What the dumper benchmarks share: dumpers found through ServiceLoader exactly as the engine finds them, and a
 * scratch output directory emptied between operations so that repeated dumps do not fill the disk.
 */
public final class DumperHarness {
    private DumperHarness() {
    }

    /**
     * @param name   provider name ({@code jfr} or {@code hotspot})
     * @param config the configuration in force
     * @return a new dumper from that provider
     */
    public static Dumper create(String name, ZprofConfig config) {
        for (DumperProvider p : ServiceLoader.load(DumperProvider.class)) {
            if (p.name().equals(name)) {
                return p.create(TestProviderContext.of(config, Map.of()).forbiddingThreads());
            }
        }
        throw new IllegalStateException("no dumper provider named " + name + " on the classpath");
    }

    /** A scratch directory handing out fresh file names. */
    public static final class ScratchOutput implements DumpOutput {
        private final Path dir;
        private long counter;

        /** @throws IOException when the temporary directory cannot be created */
        public ScratchOutput() throws IOException {
            dir = Files.createTempDirectory("zprof-bench-");
        }

        @Override
        public Path newFile(String type, String extension) {
            return dir.resolve(type + "-" + ++counter + "." + extension);
        }

        /**
         * @return total bytes of the files written so far, then deletes them
         * @throws IOException when they cannot be listed or deleted
         */
        public long clear() throws IOException {
            long bytes = 0;
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    bytes += Files.size(p);
                    Files.delete(p);
                }
            }
            return bytes;
        }

        /**
         * Deletes the directory.
         *
         * @throws IOException when it cannot be deleted
         */
        public void delete() throws IOException {
            clear();
            Files.deleteIfExists(dir);
        }
    }
}
