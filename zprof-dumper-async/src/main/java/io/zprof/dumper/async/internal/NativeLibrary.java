package io.zprof.dumper.async.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import one.profiler.AsyncProfiler;

/**
 * Loads async-profiler's native library once per JVM, from a copy this class extracts into a fresh directory only
 * its user can enter (0700), never from a shared temporary path another user could replace
 * ({@code AsyncProfiler.getInstance()} would extract into {@code java.io.tmpdir} itself). Every way loading can fail
 * becomes a reason, never an exception: an unsupported platform, another async-profiler already in the process (a
 * {@code -agentpath}, the Pyroscope agent), a directory where nothing may be executed, a library the JVM refuses.
 */
final class NativeLibrary {
    /** Where the jar keeps the library of each platform it supports. */
    private static final String RESOURCE = "/%s/libasyncProfiler.so";
    /** The file name part every build of the library has, whoever loaded it. */
    private static final String LIBRARY_NAME = "asyncprofiler";

    private static Loaded loaded;

    /**
     * The outcome of loading.
     *
     * @param profiler the loaded profiler, or null
     * @param reason   why not, or null
     */
    record Loaded(AsyncProfiler profiler, String reason) {
    }

    private NativeLibrary() {
    }

    /**
     * Loads the library the first time and returns the same outcome afterwards (a library cannot be unloaded, and a
     * failed load is not retried: the JVM remembers it too).
     *
     * @return the profiler, or why there is none
     */
    static synchronized Loaded load() {
        if (loaded == null) {
            loaded = tryLoad(System.getProperty("os.name", ""), System.getProperty("os.arch", ""),
                    Path.of(System.getProperty("java.io.tmpdir")), Path.of("/proc/self/maps"));
        }
        return loaded;
    }

    static Loaded tryLoad(String os, String arch, Path tempRoot, Path maps) {
        Optional<String> platform = platform(os, arch);
        if (platform.isEmpty()) {
            return new Loaded(null, "async-profiler has no native library for " + os + "/" + arch
                    + " (it ships linux-x64, linux-arm64 and macOS)");
        }
        Optional<String> other = otherCopy(maps);
        if (other.isPresent()) {
            return new Loaded(null, "another async-profiler is already loaded in this process (" + other.get()
                    + "); two cannot share the process's signals and timers");
        }
        String resource = String.format(Locale.ROOT, RESOURCE, platform.get());
        Path lib = null;
        try {
            lib = extract(resource, tempRoot);
            AsyncProfiler profiler = AsyncProfiler.getInstance(lib.toString());
            String version = profiler.getVersion();
            return version == null || version.isBlank()
                    ? new Loaded(null, "async-profiler loaded from " + lib + " but reports no version")
                    : new Loaded(profiler, null);
        } catch (IOException | UnsupportedOperationException e) {
            return new Loaded(null, "cannot extract async-profiler's library into a private directory under "
                    + tempRoot + ": " + e);
        } catch (UnsatisfiedLinkError e) {
            return new Loaded(null, "the JVM refused async-profiler's library (a noexec temporary directory?"
                    + " set java.io.tmpdir elsewhere): " + e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            return new Loaded(null, "async-profiler failed to load: " + e);
        } finally {
            // the mapping stays loaded; the file and its directory are not needed any more
            deleteQuietly(lib);
        }
    }

    /**
     * @param resource the library in the jar
     * @param tempRoot where to create the private directory
     * @return the library, readable and executable by its owner only, in a new directory only its owner can enter
     * @throws IOException when the jar lacks it or it cannot be written
     */
    static Path extract(String resource, Path tempRoot) throws IOException {
        try (InputStream in = AsyncProfiler.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("the async-profiler jar has no " + resource);
            }
            Path dir = Files.createTempDirectory(tempRoot, "zprof-async-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path lib = dir.resolve("libasyncProfiler.so");
            try {
                Files.copy(in, lib);
                Files.setPosixFilePermissions(lib, PosixFilePermissions.fromString("r-x------"));
            } catch (IOException | RuntimeException e) {
                deleteQuietly(lib);
                throw e;
            }
            return lib;
        }
    }

    /**
     * @param os   {@code os.name}
     * @param arch {@code os.arch}
     * @return the jar's directory of the platform, or empty when it has none
     */
    static Optional<String> platform(String os, String arch) {
        String o = os.toLowerCase(Locale.ROOT);
        String a = arch.toLowerCase(Locale.ROOT);
        if (o.contains("linux")) {
            if (a.equals("amd64") || a.equals("x86_64")) {
                return Optional.of("linux-x64");
            }
            if (a.equals("aarch64") || a.equals("arm64")) {
                return Optional.of("linux-arm64");
            }
            return Optional.empty();
        }
        return o.contains("mac") ? Optional.of("macos") : Optional.empty();
    }

    /**
     * @param maps {@code /proc/self/maps}, or a file like it
     * @return the path of an async-profiler library mapped in this process, or empty (also where there is no such
     *         file: macOS)
     */
    static Optional<String> otherCopy(Path maps) {
        List<String> lines;
        try {
            lines = Files.readAllLines(maps);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        for (String line : lines) {
            int slash = line.indexOf('/');
            if (slash >= 0) {
                String path = line.substring(slash);
                String file = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
                if (file.contains(LIBRARY_NAME)) {
                    return Optional.of(path);
                }
            }
        }
        return Optional.empty();
    }

    /** @param lib an extracted library, or null: deletes it and its directory */
    static void deleteQuietly(Path lib) {
        if (lib == null) {
            return;
        }
        try {
            Files.deleteIfExists(lib);
            Files.deleteIfExists(lib.getParent());
        } catch (IOException e) {
            // a leftover 0700 directory is harmless
        }
    }
}
