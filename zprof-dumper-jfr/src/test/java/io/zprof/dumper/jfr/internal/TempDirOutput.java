package io.zprof.dumper.jfr.internal;

import io.zprof.api.port.DumpOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link DumpOutput} test double: fresh, not-yet-existing paths in a directory, remembered by type. */
final class TempDirOutput implements DumpOutput {
    /** One path handed out. */
    record Requested(String type, String extension, Path path) {
    }

    private final Path dir;
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private final List<Requested> requested = new ArrayList<>();

    TempDirOutput(Path dir) {
        this.dir = dir;
    }

    @Override
    public synchronized Path newFile(String type, String extension) throws IOException {
        Path p = dir.resolve("tmp-" + COUNTER.incrementAndGet() + "-" + type + "." + extension);
        requested.add(new Requested(type, extension, p));
        return p;
    }

    /** @return every path handed out whose file exists */
    synchronized List<Requested> written() {
        return requested.stream().filter(r -> Files.exists(r.path())).toList();
    }

    /** @param type a type @param extension an extension @return the written file of that type and extension */
    synchronized Optional<Path> file(String type, String extension) {
        return written().stream().filter(r -> r.type().equals(type) && r.extension().equals(extension))
                .map(Requested::path).findFirst();
    }

    /** @param type a type @param extension an extension @return the written file, failing when absent */
    Path require(String type, String extension) {
        return file(type, extension).orElseThrow(() -> new AssertionError(
                "no " + type + "." + extension + " written; written: " + written()));
    }

    /**
     * Renames a written file the way the engine seals it, {@code {type}_{yyyyMMdd-HHmmss}_{eventId}.{ext}}.
     *
     * @return the sealed path
     */
    static Path seal(Path written, String type, String extension, String eventId) throws IOException {
        String stamp = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .format(java.time.LocalDateTime.now());
        return Files.move(written, written.resolveSibling(type + "_" + stamp + "_" + eventId + "." + extension));
    }
}
