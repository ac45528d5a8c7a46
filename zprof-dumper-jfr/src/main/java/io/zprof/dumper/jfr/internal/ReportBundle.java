package io.zprof.dumper.jfr.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The files of one event, as the engine names them ({@code {type}_{yyyyMMdd-HHmmss}_{eventId}.{ext}}), looked up by
 * type and extension for the report's sections.
 */
final class ReportBundle {
    /** One file of the event. @param path where it is @param type its type ({@code cpu}, {@code flamegraph-cpu}) */
    record File(Path path, String type, String extension) {
        /** @return its size, or -1 when it cannot be read */
        long size() {
            try {
                return Files.size(path);
            } catch (IOException e) {
                return -1;
            }
        }
    }

    private final List<File> files;

    private ReportBundle(List<File> files) {
        this.files = files;
    }

    /** @param paths the event's files; names that do not follow the pattern are kept with their whole name as type */
    static ReportBundle of(List<Path> paths) {
        List<File> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isRegularFile(p)) {
                out.add(new File(p, typeOf(p.getFileName().toString()), extensionOf(p.getFileName().toString())));
            }
        }
        out.sort(Comparator.comparing(f -> f.path().getFileName().toString()));
        return new ReportBundle(out);
    }

    /** @param name a sealed file's name @return its type, the part before the first underscore */
    static String typeOf(String name) {
        int u = name.indexOf('_');
        return u < 0 ? name : name.substring(0, u);
    }

    /** @param name a file name @return what follows its last dot */
    static String extensionOf(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1);
    }

    /** @param type a type @param extension an extension @return the first file of both */
    Optional<Path> find(String type, String extension) {
        return files.stream().filter(f -> f.type().equals(type) && f.extension().equals(extension)).map(File::path)
                .findFirst();
    }

    /** @return every file, by name */
    List<File> files() {
        return files;
    }

    /** @param path a file @return its name */
    static String name(Path path) {
        return path.getFileName().toString();
    }
}
