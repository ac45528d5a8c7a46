package io.zprof.agent.boot;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code java -jar zprof-agent.jar list | attach <pid> [key=value...] | status <pid> | capture <pid> <kinds>
 * [--reason TEXT] | update <pid> key=value... | detach <pid>}: zprof in a running JVM through the Attach API, then
 * JMX. Exit status 0 on success, 1 when the target refused or failed, 2 on a usage error.
 */
public final class AgentCli {
    private static final Set<String> KINDS = Set.of("cpu", "heap", "threads", "threadcreate", "alloc", "lock");
    private static final String USAGE = """
            usage: java -jar zprof-agent.jar <command>
              list                                   JVMs this user can attach to
              attach <pid> [key=value...]            start zprof in the JVM, or update the zprof running there
              status <pid>                           zprof's status in the JVM
              capture <pid> <kind>[,<kind>...] [--reason TEXT]
                                                     capture now: cpu, heap, threads, threadcreate, alloc, lock
              update <pid> key=value...              change settings of the running zprof (key= removes one)
              detach <pid>                           stop zprof: its threads, JFR recordings, files and MBeans""";

    private final PrintStream out;

    private AgentCli(PrintStream out) {
        this.out = out;
    }

    /**
     * @param args the command and its arguments
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * @param args the command line
     * @param out  where results go
     * @param err  where errors go
     * @return the exit status
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args.length == 1 && !args[0].equals("list")) {
            err.println(USAGE);
            return 2;
        }
        try {
            new AgentCli(out).dispatch(args[0], Arrays.asList(args).subList(1, args.length));
            return 0;
        } catch (UsageException e) {
            err.println("zprof-agent: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (CliException e) {
            err.println("zprof-agent: " + e.getMessage());
            return 1;
        }
    }

    private void dispatch(String command, List<String> args) {
        switch (command) {
            case "list" -> list();
            case "attach" -> attach(args.get(0), args.subList(1, args.size()));
            case "status" -> status(args.get(0));
            case "capture" -> capture(args.get(0), args.subList(1, args.size()));
            case "update" -> update(args.get(0), args.subList(1, args.size()));
            case "detach" -> detach(args.get(0));
            default -> throw new UsageException("unknown command " + command);
        }
    }

    private void list() {
        for (VirtualMachineDescriptor d : VirtualMachine.list()) {
            out.println(d.id() + " " + d.displayName());
        }
    }

    private void attach(String pid, List<String> settings) {
        for (String s : settings) {
            if (s.indexOf('=') <= 0) {
                throw new UsageException("expected key=value, got " + s);
            }
        }
        try (TargetJvm target = TargetJvm.connect(pid)) {
            boolean again = target.has(TargetJvm.ZPROF);
            if (target.isJdk21Plus() && !target.allowsDynamicAgents()) {
                out.println("note: JDK 21+ prints a warning about a dynamically loaded agent on " + pid + "'s standard"
                        + " error; start it with -XX:+EnableDynamicAgentLoading to allow agents without the warning"
                        + " (JEP 451: a later JDK may refuse them without the flag)");
            }
            target.loadAgent(agentJar(), String.join(",", settings));
            Object error = target.get(AgentControl.NAME, "LastError");
            if (error != null) {
                throw new CliException((again ? "update refused, zprof keeps running unchanged: "
                        : "zprof not started: ") + error);
            }
            out.println(again ? "zprof updated in " + pid : "zprof attached to " + pid);
            out.print(target.get(TargetJvm.ZPROF, "StatusText"));
        }
    }

    private void status(String pid) {
        try (TargetJvm target = running(pid)) {
            out.print(target.get(TargetJvm.ZPROF, "StatusText"));
        }
    }

    private void capture(String pid, List<String> args) {
        if (args.isEmpty()) {
            throw new UsageException("name what to capture: " + String.join(", ", KINDS.stream().sorted().toList()));
        }
        for (String k : args.get(0).split(",")) {
            if (!KINDS.contains(k)) {
                throw new UsageException("unknown kind " + k + " (cpu, heap, threads, threadcreate, alloc, lock)");
            }
        }
        String reason = "capture requested through zprof-agent";
        List<String> rest = args.subList(1, args.size());
        if (!rest.isEmpty()) {
            if (!rest.get(0).equals("--reason") || rest.size() != 2) {
                throw new UsageException("expected --reason TEXT after the kinds");
            }
            reason = rest.get(1);
        }
        try (TargetJvm target = running(pid)) {
            out.println("captured: " + target.invoke(TargetJvm.ZPROF, "capture", args.get(0), reason));
        }
    }

    private void update(String pid, List<String> settings) {
        if (settings.isEmpty()) {
            throw new UsageException("name at least one key=value");
        }
        try (TargetJvm target = running(pid)) {
            Object generation = target.invoke(TargetJvm.ZPROF, "update", String.join("\n", escaped(settings)));
            out.println("applied: configuration generation " + generation);
        }
    }

    private void detach(String pid) {
        try (TargetJvm target = TargetJvm.connect(pid)) {
            boolean was = target.has(AgentControl.NAME) && (Boolean) target.invoke(AgentControl.NAME, "detach");
            if (!was) {
                throw new CliException("zprof was not attached to " + pid);
            }
            out.println("zprof detached from " + pid);
        }
    }

    private static TargetJvm running(String pid) {
        TargetJvm target = TargetJvm.connect(pid);
        if (!target.has(TargetJvm.ZPROF)) {
            target.close();
            throw new CliException("zprof is not running in " + pid + " (java -jar zprof-agent.jar attach " + pid + ")");
        }
        return target;
    }

    /** Backslashes of Windows paths would be escapes in the properties format the MBean reads. */
    private static List<String> escaped(List<String> settings) {
        List<String> out = new ArrayList<>();
        for (String s : settings) {
            out.add(s.replace("\\", "\\\\"));
        }
        return out;
    }

    private static String agentJar() {
        try {
            return Path.of(AgentCli.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new CliException("cannot locate the agent jar: " + e.getMessage());
        }
    }

    /** A command line the CLI does not understand. */
    private static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
