package io.zprof.cli;

import io.zprof.dumper.jfr.IncidentReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code zprof report DIR [EVENT]}: (re)builds an event's incident report from its bundle and opens it. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "(Re)builds the incident report of an event (report_*.html in its bundle, from the bundle's "
                + "files, holders_*.txt included) and opens it in the desktop's browser when there is one.")
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "the dump directory (zprof.dump.path)")
    Path dir;

    @Parameters(index = "1", arity = "0..1", paramLabel = "EVENT",
            description = "the event id, or a unique prefix of it (default: the latest event)")
    String event;

    @Option(names = "--no-open", description = "build the report, print its path, open nothing")
    boolean noOpen;

    @Override
    public Integer call() throws IOException {
        Bundle bundle;
        if (event != null) {
            bundle = Bundles.find(dir, event);
        } else {
            List<Bundle> all = Bundles.in(dir);
            if (all.isEmpty()) {
                throw new IOException("no zprof events in " + dir);
            }
            bundle = all.get(all.size() - 1);
        }
        Path html = IncidentReport.rebuild(dir, bundle.eventId());
        PrintWriter out = spec.commandLine().getOut();
        out.println(html.toAbsolutePath());
        if (!noOpen) {
            Optional<String> opener = opener();
            if (opener.isPresent()) {
                new ProcessBuilder(opener.get(), html.toAbsolutePath().toString()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            } else {
                out.println("no browser opener (xdg-open, open) here: open " + html.toAbsolutePath().toUri());
            }
        }
        return 0;
    }

    /** @return the desktop's command that opens a file in its browser, when one is on the PATH */
    private static Optional<String> opener() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String command : List.of("xdg-open", "open")) {
            for (String d : path.split(java.io.File.pathSeparator)) {
                if (!d.isEmpty() && Files.isExecutable(Path.of(d, command))) {
                    return Optional.of(command);
                }
            }
        }
        return Optional.empty();
    }
}
