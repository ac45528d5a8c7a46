package io.zprof.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.testsupport.ChildJvm;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tool on a real dump directory: two heap dumps of a child JVM, a JFR recording of this JVM, a timeline. Most
 * commands run in-process through picocli; {@link #the_launcher_runs_the_tool_as_a_process} runs bin/zprof.
 */
class ZprofCliTest {
    static final String OLD_ID = "1796663459131000";
    static final String NEW_ID = "1796663459343001";
    static final String CPU_ID = "1796663447343000";

    @TempDir
    static Path dir;
    static Path older;
    static Path newer;
    static Path cpu;

    /** The output of one run. */
    record Run(int status, String out, String err) {
    }

    @BeforeAll
    static void writeBundles() throws Exception {
        older = dir.resolve("heap_20261207-171059_" + OLD_ID + ".hprof");
        newer = dir.resolve("heap_20261207-171059_" + NEW_ID + ".hprof");
        ChildJvm.run(dir, List.of("-Xmx128m"), SessionRegistryChild.class, List.of(older.toString(), newer.toString()), Map.of());
        Files.delete(dir.resolve(Files.list(dir).filter(p -> p.getFileName().toString().startsWith("child")).findFirst().orElseThrow().getFileName()));
        Files.writeString(dir.resolve("timeline_20261207-171059_" + NEW_ID + ".json"), """
                {"eventId":"%s","rule":"gcheap","time":"2026-12-07T17:10:59.343Z","value":64.6,
                 "reason":"fired: capture 2/2 at the next GC (64.6%%)","config":{"ratio":"0.3","series":"%s"},"labels":{"app":"t"},
                 "metrics":[{"metric":"heapafterpercent","unit":"%%","samples":[{"time":"2026-12-07T17:10:59.343Z","value":64.6,"source":"JVM"}]}]}
                """.formatted(NEW_ID, OLD_ID));
        // a real thread dump of this JVM, named as the second thread dump of the event (-2)
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(ProcessHandle.current().pid()), "Thread.print")
                .redirectOutput(dir.resolve("threads_20261207-171059_" + NEW_ID + "-2.txt").toFile()).start();
        assertTrue(p.waitFor(1, TimeUnit.MINUTES) && p.exitValue() == 0, "jcmd Thread.print failed");
        cpu = dir.resolve("cpu_20261207-171047_" + CPU_ID + ".jfr");
        try (Recording r = new Recording()) {
            r.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            r.start();
            // on a thread of its own: the summary leaves out the thread that reads the recording
            Thread burner = new Thread(() -> burn(Instant.now().plusMillis(600)), "burner");
            burner.start();
            burner.join();
            r.stop();
            r.dump(cpu);
        }
    }

    /** Keeps a CPU busy in a method the summary must name. */
    static long burn(Instant until) {
        long x = 0;
        while (Instant.now().isBefore(until)) {
            for (int i = 0; i < 100_000; i++) {
                x += i * 31L ^ x;
            }
        }
        return x;
    }

    static Run zprof(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = ZprofCli.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void events_lists_each_bundle_with_rule_time_reason_and_files() {
        Run run = zprof("events", dir.toString());
        assertEquals(0, run.status(), run::err);
        assertTrue(run.out().contains("2026-12-07 17:10:59  " + NEW_ID + "  rule=gcheap  fired: capture 2/2 at the next GC (64.6%)"), run.out());
        assertTrue(run.out().contains(newer.getFileName().toString()), run.out());
        assertTrue(run.out().contains(cpu.getFileName().toString()), run.out());
        assertTrue(run.out().contains("threads_20261207-171059_" + NEW_ID + "-2.txt"), run.out());
        // a bundle without a timeline still shows, with its time from the file name
        assertTrue(run.out().contains("2026-12-07 17:10:47  " + CPU_ID + "  rule=?"), run.out());
        assertTrue(run.out().contains("3 events in " + dir), run.out());
    }

    @Test
    void heap_names_the_instance_field_that_holds_the_growth_and_writes_the_files() throws Exception {
        Path out = Files.createDirectory(dir.resolve("holders-out"));
        Run run = zprof("heap", older.toString(), newer.toString(), "--top", "2", "--out", out.toString());
        assertEquals(0, run.status(), run::err);
        assertTrue(run.out().contains("1. byte[]"), run.out());
        assertTrue(run.out().contains("held by " + SessionRegistryChild.class.getName() + ".sessions -> java.util.ArrayList, retaining "),
                run.out());
        assertTrue(run.out().contains("offline: zprof command-line tool"), run.out());
        assertTrue(run.err().contains("indexing " + newer.getFileName()) && run.err().contains("tracing "), run.err());
        Path json = out.resolve("holders_20261207-171059_" + NEW_ID + ".json");
        assertTrue(Files.isRegularFile(json) && Files.isRegularFile(out.resolve("holders_20261207-171059_" + NEW_ID + ".txt")));
        Run summary = zprof("summary", json.toString());
        assertTrue(summary.out().contains(".sessions -> java.util.ArrayList"), summary.out());
    }

    @Test
    void heap_finds_the_pair_of_a_series_from_the_later_event() {
        Run run = zprof("heap", dir.toString(), NEW_ID.substring(0, 12), "--top", "1", "--no-files");
        assertEquals(0, run.status(), run::err);
        assertTrue(run.err().contains("comparing " + older.getFileName() + " with " + newer.getFileName()), run.err());
        assertTrue(run.out().startsWith("zprof heap holders: " + newer.getFileName() + " against " + older.getFileName()), run.out());
        Run first = zprof("heap", dir.toString(), CPU_ID, "--no-files");
        assertEquals(1, first.status());
        assertTrue(first.err().contains("event " + CPU_ID + " has no heap_*.hprof"), first.err());
    }

    @Test
    void summary_of_a_recording_without_its_text_uses_the_dumpers_cpu_summary() {
        Run run = zprof("summary", cpu.toString());
        assertEquals(0, run.status(), run::err);
        assertTrue(run.out().startsWith("zprof cpu profile"), run.out());
        assertTrue(run.out().contains(ZprofCliTest.class.getName() + ".burn"), run.out());
    }

    @Test
    void summary_of_a_heap_dump_lists_its_classes() {
        Run run = zprof("summary", newer.toString());
        assertEquals(0, run.status(), run::err);
        assertTrue(run.out().contains("Top 30 classes by bytes"), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.endsWith("  byte[]")), run.out());
    }

    @Test
    void summary_of_a_timeline_shows_rule_reason_and_metrics() {
        Run run = zprof("summary", dir.resolve("timeline_20261207-171059_" + NEW_ID + ".json").toString());
        assertEquals(0, run.status(), run::err);
        assertTrue(run.out().contains("rule=gcheap") && run.out().contains("reason: fired: capture 2/2"), run.out());
        assertTrue(run.out().contains("heapafterpercent"), run.out());
    }

    @Test
    void summary_of_a_thread_dump_counts_threads_per_state() {
        Run run = zprof("summary", dir.resolve("threads_20261207-171059_" + NEW_ID + "-2.txt").toString());
        assertEquals(0, run.status(), run::err);
        assertTrue(run.out().matches("(?s)thread dump threads_\\S+: \\d+ threads\n.*\\d+  RUNNABLE\n.*"), run.out());
    }

    @Test
    void bad_input_is_named_and_fails() {
        Run missing = zprof("summary", dir.resolve("nothing.jfr").toString());
        assertEquals(1, missing.status());
        assertTrue(missing.err().contains("nothing.jfr: not a file"), missing.err());
        Run usage = zprof("heap", older.toString());
        assertEquals(2, usage.status());
        assertTrue(usage.err().contains("Missing required parameter: 'NEW'"), usage.err());
        Run notHeap = zprof("heap", cpu.toString(), newer.toString(), "--no-files");
        assertEquals(1, notHeap.status());
        assertTrue(notHeap.err().contains(cpu.getFileName() + ": not a readable HPROF heap dump"), notHeap.err());
    }

    @Test
    void the_launcher_runs_the_tool_as_a_process() throws Exception {
        Run run = launch(Map.of(), "events", dir.toString());
        assertEquals(0, run.status(), run::out);
        assertTrue(run.out().contains("rule=gcheap"), run.out());
    }

    @Test
    void a_heap_too_small_for_the_analysis_says_how_to_give_it_more() throws Exception {
        Run run = launch(Map.of("ZPROF_JAVA_OPTS", "-Xmx10m"), "heap", older.toString(), newer.toString(), "--no-files");
        assertEquals(1, run.status(), run::out);
        assertTrue(run.out().contains("zprof heap: out of memory with a 10 MiB heap") && run.out().contains("ZPROF_JAVA_OPTS=-Xmx"),
                run::out);
    }

    /** Runs bin/zprof as a process on the test class path, with the JDK running the tests. */
    private static Run launch(Map<String, String> env, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of("bin", "zprof").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("ZPROF_CLI_CLASSPATH", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().putAll(env);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(1, TimeUnit.MINUTES), "launcher did not finish");
        return new Run(p.exitValue(), output, "");
    }
}
