package io.zprof.agent.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.demo.AgentDemo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo under the real agent jar, as {@code ./demo.sh --agent} runs it: {@code io.zprof.demo.AgentDemo} (which
 * builds no engine) with the demo's own {@code demo.properties} on {@code config=} and the example reporter on
 * {@code plugins=}, in a child JVM of the JDK running the tests (CI: 17 and 25). The cpu and threads steps run; their
 * rules fire, the demo learns of each event only from the MBean {@code io.zprof:type=Zprof} and prints it with its
 * files, the evidence and incident reports are in the dump directory (0700, files 0600), the CPU report has the burn in
 * its pre-trigger flame graph, and the third-party reporter saw the same events.
 */
class DemoUnderAgentIT {
    /** {@code FIRED <rule> <reason>} then the report's URI: what the demo printed from the MBean. */
    private static final Pattern FIRED = Pattern.compile(
            "FIRED (\\w+) +(fired: [^\\n]+)\\n +incident report: (file:\\S+report_\\d{8}-\\d{6}_(\\d+)\\.html)");

    @TempDir
    Path tmp;

    @Test
    void theDemoRunsUnderTheAgentAndSeesEveryEventThroughTheMBean() throws Exception {
        Path settings = tmp.resolve("demo.properties");
        try (InputStream in = AgentDemo.class.getResourceAsStream("demo.properties")) {
            Files.copy(in, settings);
        }
        Path dumps = tmp.resolve("dumps");
        Path eventLog = dumps.resolve("events.log");
        String options = String.join(",", "config=" + settings, "dump.path=" + dumps,
                "reporter.eventlog.path=" + eventLog, "plugins=" + Jvms.pluginJar(tmp));
        Path demo = Path.of(AgentDemo.class.getProtectionDomain().getCodeSource().getLocation().toURI());

        String out;
        try (Jvms.Child child = Jvms.start(tmp, List.of(Jvms.tool("java"), "-Xmx512m",
                "-javaagent:" + Jvms.agentJar() + "=" + options, "-cp", demo.toString(), AgentDemo.class.getName(),
                "cpu,threads"))) {
            // the steps wait up to 20 s for a baseline and 45 s for the cpu rule, 40 s for the threads rules
            assertTrue(child.process().waitFor(4, TimeUnit.MINUTES), () -> "the demo ends\n" + child.output());
            out = child.output();
            assertEquals(0, child.process().exitValue(), out);
        }

        List<String> fired = new ArrayList<>();
        Matcher m = FIRED.matcher(out);
        while (m.find()) {
            String rule = m.group(1);
            String id = m.group(4);
            fired.add(rule);
            Path report = Path.of(java.net.URI.create(m.group(3)));
            assertEquals(dumps, report.getParent(), out);
            String html = Files.readString(report);
            assertTrue(html.contains("<h1>zprof: " + rule + " fired at "), "the report of " + rule);
            if (rule.equals("cpu")) {
                assertTrue(flameGraph(html, "flame-window").contains("DemoWorkload.demoCpuBurn"),
                        "the pre-trigger flame graph (async-profiler's converter, renamed in the agent) has the burn");
            }
            assertTrue(out.contains("last event " + id + " at "), "the MBean's StatusText shows " + rule + "'s event:\n" + out);
            assertTrue(Files.readString(eventLog).contains("rule=" + rule + " id=" + id + " reason=\"" + m.group(2) + "\""),
                    "the third-party reporter got the same event, with the reason the demo printed:\n" + out);
            assertTrue(Stream.of("timeline_", "window_").allMatch(kind -> out.contains("wrote " + kind)), out);
        }
        assertTrue(fired.containsAll(List.of("cpu", "threads")), "the cpu and threads rules fired: " + fired + "\n" + out);
        assertTrue(out.contains("wrote cpu_") && out.contains("wrote threads_"), "their evidence:\n" + out);
        assertTrue(out.contains("== Disk: the demo left ") && out.contains("remove them with: rm -rf " + dumps), out);
        assertPrivate(dumps, eventLog);
    }

    @Test
    void withoutTheAgentOrWithABadSettingTheDemoSaysWhyAndStops() throws Exception {
        Path demo = Path.of(AgentDemo.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Jvms.Result alone = Jvms.run(tmp, List.of(Jvms.tool("java"), "-cp", demo.toString(), AgentDemo.class.getName()));
        assertEquals(2, alone.exit(), alone.output());
        assertTrue(alone.output().contains("this JVM has no -javaagent. Run it under the agent: ./demo.sh --agent"),
                alone.output());

        Jvms.Result refused = Jvms.run(tmp, List.of(Jvms.tool("java"), "-javaagent:" + Jvms.agentJar() + "=dump.path="
                + tmp.resolve("dumps") + ",cpu.abs=lots", "-cp", demo.toString(), AgentDemo.class.getName()));
        assertEquals(2, refused.exit(), refused.output());
        assertTrue(refused.output().contains("the agent did not start zprof: ") && refused.output().contains("zprof.cpu.abs")
                && refused.output().contains("lots"), "the agent's error, naming the key and the value:\n" + refused.output());
    }

    private static String flameGraph(String html, String id) {
        int at = html.indexOf("<svg class=\"flamegraph\" id=\"" + id + "\"");
        assertTrue(at >= 0, "a flame graph " + id);
        return html.substring(at, html.indexOf("</svg>", at));
    }

    /** The dump directory is 0700 and every file zprof wrote in it 0600; the example plugin's own file is its own. */
    private static void assertPrivate(Path dumps, Path pluginsFile) throws IOException {
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dumps)));
        List<Path> files;
        try (Stream<Path> s = Files.walk(dumps)) {
            files = s.filter(Files::isRegularFile).filter(f -> !f.equals(pluginsFile)).toList();
        }
        assertTrue(files.stream().anyMatch(f -> f.getFileName().toString().startsWith("report_")), files.toString());
        for (Path f : files) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
        }
    }
}
