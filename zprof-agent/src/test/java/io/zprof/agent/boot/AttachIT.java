package io.zprof.agent.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI against a JVM started without the agent: attach starts zprof, status and capture say what happened, a
 * second attach updates the running engine, the MBean is read and driven through a real {@code JMXConnector},
 * detach leaves no zprof thread and no JFR recording (seen from outside with jcmd), and a later attach works again.
 */
class AttachIT {
    @TempDir
    Path tmp;
    private Path dumps;

    @BeforeEach
    void paths() {
        dumps = tmp.resolve("dumps");
    }

    @Test
    void attachStatusCaptureUpdateDetachAndAttachAgain() throws Exception {
        Path idle = Jvms.idleJar(tmp);
        try (Jvms.Child target = Jvms.start(tmp, List.of(Jvms.tool("java"), "-jar", idle.toString()))) {
            String pid = target.pid();
            Jvms.await("the target's start", () -> target.output().contains("idle ready"), target::output);

            Jvms.Result attach = cli("attach", pid, "dump.path=" + dumps, "interval=200ms", "dump.window.enabled=true");
            assertEquals(0, attach.exit(), attach.output());
            assertTrue(attach.output().contains("zprof attached to " + pid) && attach.output().contains("zprof running"),
                    attach.output());
            assertEquals(Runtime.version().feature() >= 21, attach.output().contains("-XX:+EnableDynamicAgentLoading"),
                    "the JDK 21+ note about dynamically loaded agents: " + attach.output());
            assertTrue(jcmd(pid, "Thread.print").contains("\"zprof-sampler-"), "zprof samples in the target");
            assertFalse(jcmd(pid, "JFR.check").contains("No available recordings"),
                    "the pre-trigger window records while attached (so the check after detach can fail)");

            Jvms.Result status = cli("status", pid);
            assertEquals(0, status.exit(), status.output());
            assertTrue(status.output().startsWith("zprof running, configuration 1"), status.output());

            Jvms.Result capture = cli("capture", pid, "threads", "--reason", "support ticket 42");
            assertEquals(0, capture.exit(), capture.output());
            // jstack-style text up to JDK 20, the JSON dump from JDK 21 on (text forms off)
            Matcher file = Pattern.compile("(/\\S+threads_\\S+\\.(?:txt|json))").matcher(capture.output());
            assertTrue(file.find(), "the capture names its thread dump: " + capture.output());
            assertTrue(Files.readString(Path.of(file.group(1))).contains("Idle.main"), "the dump shows the target's main");

            drivenThroughJmx(pid);

            Jvms.Result again = cli("attach", pid, "threads.abs=7");
            assertEquals(0, again.exit(), again.output());
            assertTrue(again.output().contains("zprof updated in " + pid), again.output());
            assertTrue(again.output().contains("zprof running, configuration 3"), "one engine, updated: " + again.output());

            Jvms.Result detach = cli("detach", pid);
            assertEquals(0, detach.exit(), detach.output());
            // detach has stopped every zprof thread when it returns; a thread may take a moment more to end
            String threads = jcmd(pid, "Thread.print");
            for (int i = 0; i < 50 && threads.contains("\"zprof-"); i++) {
                Thread.sleep(100);
                threads = jcmd(pid, "Thread.print");
            }
            assertFalse(threads.contains("\"zprof-"), "no zprof thread after detach: " + threads);
            assertEquals(guardOnly(), recordings(pid), "no JFR recording of zprof's after detach");
            Jvms.Result gone = cli("status", pid);
            assertEquals(1, gone.exit(), gone.output());
            assertTrue(gone.output().contains("zprof is not running in " + pid), gone.output());

            Jvms.Result reattach = cli("attach", pid, "dump.path=" + dumps, "dump.window.enabled=true");
            assertEquals(0, reattach.exit(), reattach.output());
            assertTrue(reattach.output().contains("zprof attached to " + pid)
                    && reattach.output().contains("zprof running, configuration 1"), reattach.output());
            assertEquals(0, cli("detach", pid).exit());
            assertEquals(guardOnly(), recordings(pid), "the second attach's recordings are gone too, one guard at most");
            assertTrue(target.process().isAlive(), "the target lives on:\n" + target.output());
        }
    }

    /** Status as open data, an update refused then applied, a cycle on demand: through a real JMXConnector. */
    private void drivenThroughJmx(String pid) throws Exception {
        try (TargetJvm jvm = TargetJvm.connect(pid)) {
            MBeanServerConnection server = jvm.server();
            ObjectName zprof = new ObjectName(TargetJvm.ZPROF);
            CompositeData status = (CompositeData) server.getAttribute(zprof, "Status");
            assertEquals(true, status.get("running"));
            assertEquals(1L, status.get("generation"));
            assertEquals(dumps.toString(), status.get("dumpDirectory"));
            CompositeData[] rules = (CompositeData[]) status.get("rules");
            assertTrue(Arrays.stream(rules).anyMatch(r -> r.get("name").equals("threads") && r.get("enabled").equals(false)),
                    Arrays.toString(rules));
            assertTrue(((String) server.getAttribute(zprof, "StatusText")).startsWith("zprof running"));

            String[] sig = {String.class.getName()};
            RuntimeMBeanException refused = assertThrows(RuntimeMBeanException.class,
                    () -> server.invoke(zprof, "update", new Object[] {"threads.abs=lots"}, sig));
            assertTrue(refused.getCause().getMessage().contains("zprof.threads.abs=lots"), refused.getCause().getMessage());
            assertEquals(1L, ((CompositeData) server.getAttribute(zprof, "Status")).get("generation"), "nothing changed");

            Object generation = server.invoke(zprof, "update",
                    new Object[] {"threads.enabled=true\nthreads.min=1\nthreads.abs=500"}, sig);
            assertEquals(2L, generation);
            rules = (CompositeData[]) ((CompositeData) server.getAttribute(zprof, "Status")).get("rules");
            assertTrue(Arrays.stream(rules).anyMatch(r -> r.get("name").equals("threads") && r.get("enabled").equals(true)),
                    Arrays.toString(rules));
            long cycles = counter(server, zprof, "cycles");
            assertEquals(true, server.invoke(zprof, "sampleNow", new Object[0], new String[0]));
            assertTrue(counter(server, zprof, "cycles") > cycles, "sampleNow ran a cycle");
        }
    }

    private static long counter(MBeanServerConnection server, ObjectName zprof, String name) throws Exception {
        javax.management.openmbean.TabularData counters =
                (javax.management.openmbean.TabularData) ((CompositeData) server.getAttribute(zprof, "Status")).get("counters");
        return (Long) counters.get(new Object[] {name}).get("value");
    }

    /**
     * @return what zprof leaves on purpose: on JDK 17 to 20 the periodic-task guard recording, which stays for the
     *         JVM's life (README, "What zprof leaves in the JVM on JDK 17 to 20")
     */
    private static List<String> guardOnly() {
        return Runtime.version().feature() < 21 ? List.of("zprof-periodic-task-guard") : List.of();
    }

    /** @return the names of the target's JFR recordings, from {@code jcmd <pid> JFR.check} */
    private List<String> recordings(String pid) throws Exception {
        Matcher m = Pattern.compile("Recording \\d+: name=(\\S+)").matcher(jcmd(pid, "JFR.check"));
        List<String> names = new java.util.ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private Jvms.Result cli(String... args) throws Exception {
        return Jvms.cli(tmp, args);
    }

    private String jcmd(String pid, String... command) throws Exception {
        return Jvms.jcmd(tmp, pid, command);
    }
}
