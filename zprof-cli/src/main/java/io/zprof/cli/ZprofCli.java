package io.zprof.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code zprof} command: one subcommand per question a person asks of a dump directory. */
@Command(name = "zprof", mixinStandardHelpOptions = true, versionProvider = ZprofCli.Version.class,
        description = "Reads the evidence zprof writes: event bundles, summaries of any artefact, heap growth holders.",
        subcommands = {EventsCommand.class, SummaryCommand.class, HeapCommand.class, CommandLine.HelpCommand.class})
public final class ZprofCli {
    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = ZprofCli.class.getPackage().getImplementationVersion();
            return new String[] {"zprof " + (v == null ? "(development build)" : v)};
        }
    }

    private ZprofCli() {
    }

    /**
     * Runs the tool and exits with its status: 0 done, 1 the analysis failed, 2 bad usage.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8), args));
    }

    /**
     * @param out  where results go
     * @param err  where progress and errors go
     * @param args the command line
     * @return the exit status
     */
    static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new ZprofCli());
        cli.setOut(out).setErr(err);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("zprof " + line.getCommandName() + ": " + e.getMessage());
            return 1;
        });
        int status = cli.execute(args);
        out.flush();
        err.flush();
        return status;
    }
}
