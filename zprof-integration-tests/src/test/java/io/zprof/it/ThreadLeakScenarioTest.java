package io.zprof.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thread leak in a child JVM: the threads rule (growth) writes a thread dump showing the leaked threads with
 * their stack and state; the osthreads rule (growth) records where threads are created, and the creating method
 * is on the {@code jdk.ThreadStart} stacks.
 */
class ThreadLeakScenarioTest {
    @TempDir
    Path work;

    @Test
    void aThreadLeakFiresThreadsAndOsThreadsWithTheEvidence() throws Exception {
        ChildJvm.Result run = ChildJvm.run("threads", work);

        ChildEvent threads = run.single("threads");
        assertTrue(threads.reason().startsWith("fired: ") && threads.reason().contains("above average"), threads.reason());
        assertNull(threads.error(), "every capture worked");
        String dump = Files.readString(threads.artifact("threads", "txt"));
        String leaked = threadBlock(dump, "\"scenario-leak-");
        assertTrue(leaked.contains("java.lang.Thread.State: WAITING (parking)"), "state of a leaked thread:\n" + leaked);
        assertTrue(leaked.contains("\tat io.zprof.it.scenario.ThreadLeakScenario.parkUntilInterrupted("),
                "stack of a leaked thread:\n" + leaked);
        assertTrue(Evidence.checkTimeline(threads).contains("jvmthreads"));

        ChildEvent os = run.single("osthreads");
        assertTrue(os.reason().startsWith("fired: ") && os.reason().contains("above average"), os.reason());
        assertNull(os.error(), "every capture worked");
        Path jfr = os.artifact("threadcreate", "jfr");
        List<RecordedEvent> starts = Evidence.events(jfr, e -> e.getEventType().getName().equals("jdk.ThreadStart")
                && Evidence.hasFrame(e, "scenarioLeakThreads"));
        assertTrue(!starts.isEmpty(), "threads started from scenarioLeakThreads during the recording");
        assertTrue(starts.stream().allMatch(e -> e.getThread("thread").getJavaName().startsWith("scenario-leak-")),
                "the started threads are the leaked ones");
        assertTrue(Files.readString(os.artifact("threadcreate", "txt")).contains("scenarioLeakThreads"),
                "the text summary names the creating method");
        assertTrue(Files.readString(os.artifact("threads", "txt")).contains("\"scenario-leak-"),
                "a thread-creation capture comes with a thread dump");
        assertTrue(Evidence.checkTimeline(os).contains("osthreads"));
        Set<String> sources = Evidence.timelineSources(os, "osthreads");
        assertEquals(1, sources.size(), "one source gives the OS thread count: " + sources);
        Evidence.checkPrivate(run.dumpDir());
    }

    /** @return the jstack block of the first thread whose header line starts with {@code header} */
    private static String threadBlock(String dump, String header) {
        int start = dump.indexOf('\n' + header);
        assertTrue(start >= 0, "a thread " + header + " in the dump");
        int end = dump.indexOf("\n\n", start + 1);
        return dump.substring(start + 1, end < 0 ? dump.length() : end);
    }
}
