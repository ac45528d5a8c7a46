package io.zprof.analysis.heap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Writes a {@link HolderReport} into an event bundle as {@code holders_<stamp>_<event>.txt} and {@code .json}, named
 * after the newer dump ({@code heap_<stamp>_<event>.hprof}) so they belong to its event. Files are 0600 (they name
 * the application's classes and fields) and appear whole: written under a temporary name, then renamed.
 */
public final class HolderFiles {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private HolderFiles() {
    }

    /**
     * @param dir    the bundle directory
     * @param report the analysis
     * @return the text file and the JSON file written
     * @throws IOException when a file cannot be written; nothing half-written is left behind
     */
    public static List<Path> write(Path dir, HolderReport report) throws IOException {
        String stem = stem(report.newerDump());
        Path text = dir.resolve(stem + ".txt");
        Path json = dir.resolve(stem + ".json");
        atomically(text, HolderText.render(report).getBytes(StandardCharsets.UTF_8));
        atomically(json, JSON.writeValueAsBytes(report));
        return List.of(text, json);
    }

    /**
     * Writes the text and JSON forms to paths given by whoever seals them (the engine's temporary names), as the
     * child JVM of the pipeline's holder analysis does.
     *
     * @param text   the text form's path; must not exist
     * @param json   the JSON form's path; must not exist
     * @param report the analysis
     * @throws IOException when a file cannot be written
     */
    public static void writeTo(Path text, Path json, HolderReport report) throws IOException {
        Files.write(text, HolderText.render(report).getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE_NEW);
        Files.write(json, JSON.writeValueAsBytes(report), StandardOpenOption.CREATE_NEW);
    }

    /**
     * @param json a file written by {@link #write}
     * @return the report it holds
     * @throws IOException when it cannot be read or is not a holder report
     */
    public static HolderReport read(Path json) throws IOException {
        return JSON.readValue(json.toFile(), HolderReport.class);
    }

    /** @param newerDump e.g. {@code heap_20261207-171059_1796663459343001.hprof} @return {@code holders_20261207-...} */
    static String stem(String newerDump) {
        String base = newerDump.endsWith(".hprof") ? newerDump.substring(0, newerDump.length() - ".hprof".length()) : newerDump;
        return "holders_" + (base.startsWith("heap_") ? base.substring("heap_".length()) : base);
    }

    private static void atomically(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Path tmp = posix
                ? Files.createTempFile(dir, ".holders", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, ".holders", ".tmp");
        try {
            Files.write(tmp, content);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw new IOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
