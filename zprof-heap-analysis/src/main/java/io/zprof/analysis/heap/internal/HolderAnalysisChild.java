package io.zprof.analysis.heap.internal;

import io.zprof.analysis.heap.HeapHolders;
import io.zprof.analysis.heap.HolderFiles;
import io.zprof.analysis.heap.HolderReport;
import io.zprof.analysis.heap.Progress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The main class of the child JVM {@link ChildJvmAnalysis} starts: analyses a pair of heap dumps and writes the text
 * and JSON forms. Arguments: older dump, newer dump, text file, JSON file, where it runs (for the report), and a log
 * file that gets the reason of a failure. Exits 0 when both files are written, 3 on running out of memory, 1 on any
 * other failure.
 */
public final class HolderAnalysisChild {
    /** How many of the most grown classes are traced, as {@code zprof heap} does by default. */
    static final int TOP_CLASSES = 3;
    /** How many of a class's largest instances are traced, as {@code zprof heap} does by default. */
    static final int SAMPLE = 100;
    /** Exit status on running out of memory, the one {@code -XX:+ExitOnOutOfMemoryError} uses too. */
    static final int OUT_OF_MEMORY = 3;

    private HolderAnalysisChild() {
    }

    /**
     * @param args older dump, newer dump, text file, JSON file, where it runs, log file
     * @throws IOException when the failure cannot even be written to the log
     */
    public static void main(String[] args) throws IOException {
        int status = 0;
        try {
            String where = "child JVM pid " + ProcessHandle.current().pid() + ", " + args[4];
            HolderReport report = new HeapHolders(TOP_CLASSES, SAMPLE, Progress.NONE)
                    .analyse(Path.of(args[0]), Path.of(args[1]), where);
            HolderFiles.writeTo(Path.of(args[2]), Path.of(args[3]), report);
        } catch (OutOfMemoryError e) {
            status = OUT_OF_MEMORY;
            log(args[5], e);
        } catch (Exception | Error e) {
            status = 1;
            log(args[5], e);
        }
        System.exit(status);
    }

    private static void log(String file, Throwable e) throws IOException {
        Files.writeString(Path.of(file), "zprof holder analysis failed: " + e + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
