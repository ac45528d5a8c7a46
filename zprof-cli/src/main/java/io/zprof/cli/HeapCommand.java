package io.zprof.cli;

import io.zprof.analysis.heap.HeapHolders;
import io.zprof.analysis.heap.HolderFiles;
import io.zprof.analysis.heap.HolderReport;
import io.zprof.analysis.heap.HolderText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code zprof heap OLD.hprof NEW.hprof}: who holds the growth between two heap dumps, computed here, offline. */
@Command(name = "heap", mixinStandardHelpOptions = true,
        description = {"Finds who holds the heap growth between two heap dumps of the same JVM: the classes that grew "
                + "most, the object holding their largest instances with its retained size, and the shortest path "
                + "from a GC root. Writes holders_*.txt and holders_*.json beside NEW (or into --out).",
                "Needs a heap of roughly half the larger dump: set it with ZPROF_JAVA_OPTS=-Xmx... for the launcher."})
final class HeapCommand implements Callable<Integer> {
    /** Where the analysis runs, as the report states it. */
    static final String WHERE = "offline: zprof command-line tool (zprof heap), not inside the monitored service";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OLD", description = "the earlier heap dump (.hprof), or a dump directory")
    Path older;

    @Parameters(index = "1", paramLabel = "NEW",
            description = "the later heap dump of the same JVM, or, after a directory, the event id of a gcheap "
                    + "series' later capture (its dump is compared with the series' first)")
    Path newer;

    @Option(names = "--top", defaultValue = "3", description = "how many of the most grown classes to trace (default ${DEFAULT-VALUE})")
    int top;

    @Option(names = "--sample", defaultValue = "100",
            description = "how many of a class's largest instances to trace to the GC roots (default ${DEFAULT-VALUE})")
    int sample;

    @Option(names = "--out", paramLabel = "DIR", description = "where to write holders_*.txt/.json (default: NEW's directory)")
    Path out;

    @Option(names = "--no-files", description = "print only, write no files")
    boolean noFiles;

    @Override
    public Integer call() throws IOException {
        if (top < 1 || sample < 1) {
            throw new IOException("--top and --sample must be at least 1 (got --top=" + top + " --sample=" + sample + ")");
        }
        StderrProgress progress = new StderrProgress(spec.commandLine().getErr());
        if (Files.isDirectory(older)) {
            HeapPair pair = HeapPair.of(older, newer.toString());
            progress.step("comparing " + pair.older().getFileName() + " with " + pair.newer().getFileName());
            older = pair.older();
            newer = pair.newer();
        }
        HolderReport report;
        try {
            report = new HeapHolders(top, sample, progress).analyse(older, newer, WHERE);
        } catch (OutOfMemoryError e) {
            long maxMiB = Runtime.getRuntime().maxMemory() >> 20;
            long larger = Math.max(Files.size(older), Files.size(newer));
            long suggestedGiB = Math.max(1, (3 * larger + (1L << 30) - 1) >> 30);
            throw new IOException("out of memory with a " + maxMiB + " MiB heap: give the tool about three times the "
                    + "larger dump's size, e.g. ZPROF_JAVA_OPTS=-Xmx" + suggestedGiB + "g", e);
        }
        spec.commandLine().getOut().print(HolderText.render(report));
        if (!noFiles) {
            Path dir = out != null ? out : newer.toAbsolutePath().getParent();
            List<Path> written = HolderFiles.write(dir, report);
            progress.step("wrote " + written.get(0) + " and " + written.get(1).getFileName());
        }
        return 0;
    }
}
