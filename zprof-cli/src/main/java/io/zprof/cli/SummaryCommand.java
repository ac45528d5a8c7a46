package io.zprof.cli;

import io.zprof.analysis.heap.HeapSummary;
import io.zprof.analysis.heap.HolderFiles;
import io.zprof.analysis.heap.HolderText;
import io.zprof.dumper.jfr.JfrTextSummaries;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code zprof summary FILE}: a text summary of any artefact. The summaries zprof wrote with the capture are
 * printed as they are; a JFR file without one is summarised by the dumper's own code, a heap dump without its
 * histogram is read with shark.
 */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "Prints a text summary of a zprof artefact: .jfr, .hprof, thread dump, timeline, holders, or any "
                + "text summary zprof wrote.")
final class SummaryCommand implements Callable<Integer> {
    /** Histogram rows shown for a heap dump. */
    private static final int HISTOGRAM_LINES = 40;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "an artefact from a zprof dump directory")
    Path file;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": not a file");
        }
        PrintWriter out = spec.commandLine().getOut();
        String name = file.getFileName().toString();
        if (name.endsWith(".jfr")) {
            jfr(out);
        } else if (name.endsWith(".hprof")) {
            hprof(out);
        } else if (name.startsWith("timeline_") && name.endsWith(".json")) {
            out.print(TimelineText.render(file));
        } else if (name.startsWith("holders_") && name.endsWith(".json")) {
            out.print(HolderText.render(HolderFiles.read(file)));
        } else if (name.startsWith("threads_") && name.endsWith(".txt")) {
            out.print(ThreadStates.render(file));
        } else if (name.endsWith(".txt") || name.endsWith(".log")) {
            out.print(Files.readString(file, StandardCharsets.UTF_8));
        } else if (name.endsWith(".html")) {
            out.println(name + ": the incident report of its event; open it in a browser (it needs no network)");
        } else {
            throw new IOException(name + ": not a zprof artefact this tool knows (.jfr, .hprof, timeline_*.json, "
                    + "holders_*.json, threads_*.txt, *.txt)");
        }
        return 0;
    }

    private void jfr(PrintWriter out) throws IOException {
        Optional<Path> written = sibling(file, "txt");
        if (written.isPresent()) {
            out.println("(the summary zprof wrote with the capture: " + written.get().getFileName() + ")");
            out.print(Files.readString(written.get(), StandardCharsets.UTF_8));
            return;
        }
        Path tmp = Files.createTempFile("zprof-summary", ".txt");
        try {
            Files.delete(tmp); // the summary creates its file
            JfrTextSummaries.write(file, tmp);
            out.print(Files.readString(tmp, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private void hprof(PrintWriter out) throws IOException {
        String name = file.getFileName().toString();
        Path histogram = file.resolveSibling("histogram" + name.substring(name.indexOf('_'), name.length() - ".hprof".length()) + ".txt");
        if (name.startsWith("heap_") && Files.isRegularFile(histogram)) {
            out.println("(the class histogram zprof wrote with the dump: " + histogram.getFileName() + ", first "
                    + HISTOGRAM_LINES + " lines)");
            List<String> lines = Files.readAllLines(histogram, StandardCharsets.UTF_8);
            lines.stream().limit(HISTOGRAM_LINES).forEach(out::println);
            return;
        }
        out.print(HeapSummary.render(file, 30, new StderrProgress(spec.commandLine().getErr())));
    }

    /** @return the file of the same name with another extension, when it exists */
    private static Optional<Path> sibling(Path f, String ext) {
        String name = f.getFileName().toString();
        Path s = f.resolveSibling(name.substring(0, name.lastIndexOf('.') + 1) + ext);
        return Files.isRegularFile(s) ? Optional.of(s) : Optional.empty();
    }
}
