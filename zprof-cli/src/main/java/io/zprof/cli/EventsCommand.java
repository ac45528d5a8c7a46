package io.zprof.cli;

import io.zprof.analysis.heap.ByteSizes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code zprof events DIR}: the event bundles of a dump directory with rule, time, reason and files. */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = "Lists the event bundles in a zprof dump directory: rule, time (UTC), reason and files.")
final class EventsCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "the dump directory (zprof.dump.path)")
    Path dir;

    @Override
    public Integer call() throws IOException {
        List<Bundle> bundles = Bundles.in(dir);
        var out = spec.commandLine().getOut();
        if (bundles.isEmpty()) {
            out.println("no zprof events in " + dir);
            return 0;
        }
        for (Bundle b : bundles) {
            out.printf("%s  %s  rule=%s  %s%n", TIME.format(b.time()), b.eventId(), b.rule(), b.reason());
            for (Path f : b.files()) {
                out.printf("    %-60s %10s%n", f.getFileName(), ByteSizes.of(Files.size(f)));
            }
        }
        out.println(bundles.size() + " events in " + dir);
        return 0;
    }
}
