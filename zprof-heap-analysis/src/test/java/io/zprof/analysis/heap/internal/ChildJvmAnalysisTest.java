package io.zprof.analysis.heap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.analysis.heap.GrowingCacheChildDumps;
import io.zprof.analysis.heap.Holder;
import io.zprof.analysis.heap.HolderFiles;
import io.zprof.analysis.heap.HolderReport;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.DumpRequest;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The holders dumper's child JVM on a real pair of heap dumps: it writes the result and says where it ran; a timeout,
 * an interrupt and the dumper's close() kill it; a missing java binary, a class path without this module and too
 * small a heap are failures that say what to change. Nothing is left running.
 */
class ChildJvmAnalysisTest {
    private static final long HEAP = 256L * 1024 * 1024;

    @TempDir
    static Path dir;
    static Path older;
    static Path newer;

    @BeforeAll
    static void dumps() throws Exception {
        List<Path> pair = GrowingCacheChildDumps.write(dir);
        older = pair.get(0);
        newer = pair.get(1);
    }

    @Test
    void the_child_jvm_writes_the_holders_and_says_where_it_ran() throws Exception {
        Path text = dir.resolve("ok.txt");
        Path json = dir.resolve("ok.json");
        HoldersDumper dumper = new HoldersDumper(ChildJvmAnalysis.ofThisJvm(HEAP, Duration.ofMinutes(2)));
        dumper.dump(new DumpRequest(DumpKind.HOLDERS, "1", "gcheap", "test", Instant.now(), Duration.ZERO, true, true,
                List.of(older, newer), (type, ext) -> type.equals("holders") && ext.equals("txt") ? text : json));

        HolderReport report = HolderFiles.read(json);
        Holder holder = report.classes().get(0).holders().get(0);
        assertEquals("HELD", holder.reference(), holder::toString);
        assertTrue(holder.retainedBytes() > 0 && !holder.path().isEmpty(), holder::toString);
        assertTrue(report.where().startsWith("child JVM pid ") && report.where().contains("-Xmx256m")
                && report.where().contains("started by pid " + ProcessHandle.current().pid()), report.where());
        assertFalse(report.where().contains("pid " + ProcessHandle.current().pid() + ","), report.where());
        assertTrue(Files.readString(text).contains("held by "), Files.readString(text));
        assertNoChildLeft();
    }

    @Test
    void a_timeout_kills_the_child_and_says_which_setting() {
        IOException e = assertThrows(IOException.class, () -> ChildJvmAnalysis.ofThisJvm(HEAP, Duration.ofMillis(1))
                .run(older, newer, dir.resolve("t.txt"), dir.resolve("t.json")));
        assertTrue(e.getMessage().contains("timed out") && e.getMessage().contains("zprof.dump.heapholders.timeout"),
                e.getMessage());
        assertFalse(Files.exists(dir.resolve("t.json")));
        assertNoChildLeft();
    }

    @Test
    void close_kills_a_running_child_and_the_waiting_thread_hears_it() throws Exception {
        ChildJvmAnalysis child = ChildJvmAnalysis.ofThisJvm(HEAP, Duration.ofMinutes(2));
        HoldersDumper dumper = new HoldersDumper(child);
        CompletableFuture<Void> run = CompletableFuture.runAsync(() -> {
            try {
                child.run(older, newer, dir.resolve("c.txt"), dir.resolve("c.json"));
            } catch (IOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
        awaitChild();
        dumper.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> run.get(30, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("exited with status"), e.getCause().getMessage());
        assertNoChildLeft();
    }

    @Test
    void an_interrupt_kills_the_child() throws Exception {
        ChildJvmAnalysis child = ChildJvmAnalysis.ofThisJvm(HEAP, Duration.ofMinutes(2));
        IOException[] thrown = new IOException[1];
        Thread t = new Thread(() -> {
            try {
                child.run(older, newer, dir.resolve("i.txt"), dir.resolve("i.json"));
            } catch (IOException e) {
                thrown[0] = e;
            }
        });
        t.start();
        awaitChild();
        t.interrupt();
        t.join(TimeUnit.SECONDS.toMillis(30));
        assertTrue(thrown[0] instanceof InterruptedIOException, String.valueOf(thrown[0]));
        assertNoChildLeft();
    }

    @Test
    void no_java_binary_is_a_failure_naming_the_path() {
        IOException e = assertThrows(IOException.class, () -> new ChildJvmAnalysis(dir.resolve("no-such-java"),
                System.getProperty("java.class.path"), HEAP, Duration.ofMinutes(1))
                .run(older, newer, dir.resolve("n.txt"), dir.resolve("n.json")));
        assertTrue(e.getMessage().contains("no java binary at " + dir.resolve("no-such-java")), e.getMessage());
    }

    @Test
    void a_class_path_without_the_module_is_a_failure_saying_so() {
        IOException e = assertThrows(IOException.class, () -> new ChildJvmAnalysis(javaOfThisJvm(), dir.toString(),
                HEAP, Duration.ofMinutes(1)).run(older, newer, dir.resolve("m.txt"), dir.resolve("m.json")));
        assertTrue(e.getMessage().contains("zprof-heap-analysis is not on the child JVM's class path"), e.getMessage());
    }

    @Test
    void too_small_a_heap_is_a_failure_naming_the_setting() {
        IOException e = assertThrows(IOException.class, () -> ChildJvmAnalysis.ofThisJvm(4L * 1024 * 1024,
                Duration.ofMinutes(1)).run(older, newer, dir.resolve("o.txt"), dir.resolve("o.json")));
        assertTrue(e.getMessage().contains("ran out of memory with -Xmx 4.0 MiB (zprof.dump.heapholders.maxheap)"),
                e.getMessage());
        assertNoChildLeft();
    }

    private static Path javaOfThisJvm() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    private static List<ProcessHandle> children() {
        return ProcessHandle.current().children().filter(p -> p.info().commandLine().orElse("")
                .contains(HolderAnalysisChild.class.getName())).toList();
    }

    private static void awaitChild() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (children().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(children().isEmpty(), "the child JVM started");
    }

    private static void assertNoChildLeft() {
        assertTrue(children().stream().noneMatch(ProcessHandle::isAlive), "no child JVM left: " + children());
    }
}
