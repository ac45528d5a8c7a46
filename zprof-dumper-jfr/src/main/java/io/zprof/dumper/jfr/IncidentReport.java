package io.zprof.dumper.jfr;

import io.zprof.dumper.jfr.internal.ReportWriter;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The incident report of an event, as a plain Java API for tools (the engine writes one with every captured event
 * through the {@code report} dumper). A report is one self-contained HTML file, {@code report_{time}_{eventId}.html},
 * written next to the event's other files, from those files only: it can be rebuilt any time, for instance after a
 * holder analysis added a {@code holders_*.txt} file to the bundle.
 */
public final class IncidentReport {
    private IncidentReport() {
    }

    /**
     * (Re)builds the report of one event in a dump directory, replacing an earlier one atomically.
     *
     * @param dir     the dump directory
     * @param eventId the event id (the last part of the event's file names)
     * @return the report file
     * @throws IOException when the directory cannot be read, holds no file of that event, or the report cannot be
     *                     written
     */
    public static Path rebuild(Path dir, String eventId) throws IOException {
        List<Path> files = eventFiles(dir, eventId);
        if (files.isEmpty()) {
            throw new NoSuchFileException(dir.resolve("*_" + eventId + ".*").toString(), null,
                    "no file of event " + eventId);
        }
        String name = files.get(0).getFileName().toString();
        String stamp = name.substring(name.indexOf('_') + 1, name.lastIndexOf('_'));
        Path target = dir.resolve("report_" + stamp + "_" + eventId + ".html");
        Path temp = dir.resolve(".zprof-report-" + ProcessHandle.current().pid() + "-" + eventId + ".html");
        Files.deleteIfExists(temp);
        try {
            write(files, temp);
            // owner-only like every file of the bundle (the directory is 0700 already)
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            }
            return Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AccessDeniedException e) {
            throw new IOException("cannot write the report in " + dir + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Writes a report from the given files.
     *
     * @param files the event's files (the timeline, recordings, dumps, text forms); others are ignored
     * @param html  the file to create; it must not exist
     * @throws IOException when the report cannot be written; a file that cannot be read only loses its section
     */
    public static void write(List<Path> files, Path html) throws IOException {
        ReportWriter.write(files, html);
    }

    /**
     * @param dir     a dump directory
     * @param eventId an event id
     * @return the event's files there, by name, without its report
     * @throws IOException when the directory cannot be listed
     */
    public static List<Path> eventFiles(Path dir, String eventId) throws IOException {
        // {type}_{yyyyMMdd-HHmmss}_{eventId}.{ext}, with -N when two files of a type met (threads, threadcreate)
        Pattern name = Pattern.compile("[a-z][a-z0-9-]*_\\d{8}-\\d{6}_" + Pattern.quote(eventId) + "(-\\d+)?\\.[a-z0-9]+");
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return !n.startsWith("report_") && name.matcher(n).matches();
            }).sorted().toList();
        }
    }
}
