package io.zprof.collector.cgroup.internal;

import io.zprof.api.config.ZprofConfig;
import io.zprof.testing.TestProviderContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A fake root file system in a temporary directory: the {@code fixtures/base} tree (process files, meminfo, online
 * CPUs, no cgroup mount) with a case tree from {@code src/test/resources/fixtures/<case>} laid over it, so tests may
 * change files between collects.
 */
final class Fixture {
    private final Path root;

    private Fixture(Path root) {
        this.root = root;
    }

    /**
     * @param tempDir a fresh directory
     * @param name    the case directory under {@code fixtures/}, or {@code base} alone
     * @return the fixture
     */
    static Fixture load(Path tempDir, String name) {
        Fixture f = new Fixture(tempDir);
        f.copy("base");
        if (!name.equals("base")) {
            f.copy(name);
        }
        return f;
    }

    private void copy(String name) {
        URL url = Fixture.class.getResource("/fixtures/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no fixture " + name);
        }
        try {
            Path source = Path.of(url.toURI());
            try (Stream<Path> files = Files.walk(source)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Path target = root.resolve(source.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the directory standing for {@code /} */
    Path root() {
        return root;
    }

    /**
     * @param refreshCycles {@code zprof.collector.cgroup.refreshcycles}
     * @param useCgroup     {@code zprof.resource.cgroup}
     * @return the context a collector reading this tree (standing for {@code /}) is created with
     */
    TestProviderContext context(int refreshCycles, boolean useCgroup) {
        return TestProviderContext.of(ZprofConfig.defaults().toBuilder().resource(r -> r.useCgroup(useCgroup)).build(),
                Map.of("zprof.collector.cgroup.root", root().toString(),
                        "zprof.collector.cgroup.refreshcycles", Integer.toString(refreshCycles))).forbiddingThreads();
    }

    /**
     * @param absolutePath a path as the process would see it
     * @param content      the new content
     */
    void write(String absolutePath, String content) {
        try {
            Path p = root.resolve(absolutePath.substring(1));
            Files.createDirectories(p.getParent());
            Files.writeString(p, content, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Replaces a file by a directory of the same name: opening works, reading fails with EISDIR, even as root
     * (file modes do not stop root).
     *
     * @param absolutePath a path as the process would see it
     */
    void makeUnreadable(String absolutePath) {
        try {
            Path p = root.resolve(absolutePath.substring(1));
            Files.deleteIfExists(p);
            Files.createDirectory(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @param absolutePath a file or empty directory to remove */
    void delete(String absolutePath) {
        try {
            Path p = root.resolve(absolutePath.substring(1));
            try (Stream<Path> walk = Files.walk(p)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(q -> q.toFile().delete());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
