package io.zprof.demo;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

/**
 * zprof as an operator sees it, for {@link AgentDemo}: the platform MBean {@code io.zprof:type=Zprof} that the agent
 * registers (read as open data, so no zprof class is needed) and the files in the dump directory it names. An event is
 * a line of the status's {@code RecentEvents} ({@code <time> <id> <rule> [<files>][ error: ...]}); its files are
 * those of the dump directory named {@code <kind>_<stamp>_<id>.<ext>}, its reason the rule's "last event" line of
 * {@code StatusText}.
 */
final class ZprofMBeanControls implements DemoControls {
    private static final String ZPROF = "io.zprof:type=Zprof";
    private static final String AGENT = "io.zprof:type=ZprofAgent";
    /** How long the agent, which starts on a thread of its own, may take to register the MBean. */
    private static final long START_SECONDS = 60;

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final ObjectName zprof;
    private final Set<String> seen = new HashSet<>();

    private ZprofMBeanControls() throws JMException {
        zprof = new ObjectName(ZPROF);
    }

    /**
     * Waits for the agent to register zprof's MBean and to check its dump directory.
     *
     * @return zprof, or {@code null} (after saying why) when the agent did not start it
     * @throws Exception when the MBean cannot be read
     */
    static ZprofMBeanControls await() throws Exception {
        List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
        if (jvmArgs.stream().noneMatch(a -> a.startsWith("-javaagent:"))) {
            System.out.println("zprof agent demo: this JVM has no -javaagent. Run it under the agent: ./demo.sh --agent");
            return null;
        }
        ZprofMBeanControls c = new ZprofMBeanControls();
        ObjectName agent = new ObjectName(AGENT);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (System.nanoTime() < deadline) {
            if (c.server.isRegistered(c.zprof) && !c.status().get("dumpDirectory").toString().isEmpty()) {
                return c;
            }
            if (c.server.isRegistered(agent) && c.server.getAttribute(agent, "LastError") != null) {
                System.out.println("zprof agent demo: the agent did not start zprof: "
                        + c.server.getAttribute(agent, "LastError"));
                return null;
            }
            Thread.sleep(100);
        }
        System.out.println("zprof agent demo: no " + ZPROF + " after " + START_SECONDS + " s: is the agent zprof-agent.jar?"
                + " Run it with ./demo.sh --agent");
        return null;
    }

    /** @return the dump directory zprof reports */
    Path dumpDirectory() throws JMException {
        return Path.of(status().get("dumpDirectory").toString());
    }

    /** @return zprof's status as text */
    String statusText() throws JMException {
        return (String) server.getAttribute(zprof, "StatusText");
    }

    @Override
    public void update(String key, String value) throws JMException {
        server.invoke(zprof, "update", new Object[] {key + "=" + value}, new String[] {String.class.getName()});
    }

    @Override
    public boolean learned(String rule) throws JMException {
        for (CompositeData r : (CompositeData[]) status().get("rules")) {
            if (r.get("name").equals(rule) && r.get("reason").toString().startsWith("not fired")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String nextEvent(long millis) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        do {
            for (String line : (String[]) status().get("recentEvents")) {
                String[] parts = line.split(" ", 4); // time, id, rule, files and error
                if (parts.length == 4 && seen.add(parts[1])) {
                    print(parts[1], parts[2], parts[3]);
                    return parts[2];
                }
            }
            Thread.sleep(Math.min(100, Math.max(0, millis)));
        } while (System.nanoTime() < deadline);
        return null;
    }

    private void print(String id, String rule, String rest) throws Exception {
        int err = rest.indexOf("] error: ");
        String error = err < 0 ? null : rest.substring(err + "] error: ".length());
        DemoOutput.event(rule, reason(id), files(dumpDirectory(), id), error);
    }

    /** The reason of the rule's last event, which is this one unless the rule fired again since. */
    private String reason(String id) throws JMException {
        String text = statusText();
        int at = text.indexOf("last event " + id + " at ");
        if (at < 0) {
            return "(the incident report says why)";
        }
        int from = text.indexOf(": ", at) + 2;
        int to = text.indexOf('\n', from);
        return text.substring(from, to < 0 ? text.length() : to);
    }

    /** The event's files: {@code <kind>_<yyyyMMdd-HHmmss>_<id>[-n].<ext>}. */
    private static List<Path> files(Path dumps, String id) throws IOException {
        Pattern name = Pattern.compile("[a-z][a-z0-9-]*_\\d{8}-\\d{6}_" + Pattern.quote(id) + "(-\\d+)?\\.[a-z0-9]+");
        try (Stream<Path> s = Files.list(dumps)) {
            return s.filter(p -> name.matcher(p.getFileName().toString()).matches()).sorted().toList();
        }
    }

    private CompositeData status() throws JMException {
        return (CompositeData) server.getAttribute(zprof, "Status");
    }
}
