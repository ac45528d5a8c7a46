package io.zprof.dumper.jfr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.DumpRequest;
import io.zprof.api.port.Dumper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thread leak caught after it happened: the threads were started before the trigger, the thread-creation
 * recording sees none of them, and the window's thread starts name the creating method with its count.
 */
class ThreadCreationBeforeTriggerTest {
    private static final int LEAKED = 12;
    @RegisterExtension
    final ParkedThreads leaked = new ParkedThreads();

    @TempDir
    Path dir;

    @Test
    void threadsStartedBeforeTheTriggerAreCountedPerCreatingStack() throws Exception {
        ZprofConfig config = Fixtures.config(dir, d -> d.window(d.build().window().enabled(true)));
        TempDirOutput out = new TempDirOutput(dir);
        try (Dumper dumper = new JfrDumperProvider().create(Fixtures.context(config))) {
            leakThreadsBeforeTheTriggerInZprofTest();
            Instant trigger = Instant.now();
            assertFalse(dumper.dump(new DumpRequest(DumpKind.THREADCREATE, "42", "osthreads", "test trigger", trigger,
                    Duration.ofMillis(500), true, true, List.of(), out)).skipped());
        }
        String text = Files.readString(out.require("threadcreate", "txt"));
        int second = text.indexOf("\n#2:");
        String first = text.substring(text.indexOf("#1:"), second < 0 ? text.length() : second);
        assertTrue(first.startsWith("#1: " + LEAKED + " threads") && first.contains(LEAKED + " before the recording")
                && first.contains(LEAKED + " not ended"), "the leak is the first stack, counted:\n" + text);
        assertTrue(first.contains("leakThreadsBeforeTheTriggerInZprofTest") && first.contains("zprof-test-leaked-"),
                "named by its creating method and threads:\n" + text);
        assertTrue(text.contains(" before the recording started at "), "the header says how many came before:\n" + text);
        // the thread-creation file itself holds the window's thread starts, ahead of its recording, once each
        long inFile = JfrFiles.events(out.require("threadcreate", "jfr")).stream()
                .filter(e -> e.getEventType().getName().equals("jdk.ThreadStart")
                        && hasFrame(e, "leakThreadsBeforeTheTriggerInZprofTest"))
                .count();
        assertEquals(LEAKED, inFile, "the window's thread starts are in threadcreate.jfr, once each");
        assertTrue(out.written().stream().allMatch(r -> r.type().equals("threadcreate") || r.type().equals("threads")),
                "no scratch file is left: " + out.written());

        // read offline (a tool, without the recording's start): the counts stay, no claim about "before"
        Path offline = dir.resolve("offline.txt");
        new ThreadStartSummary(null).write(out.require("threadcreate", "jfr"), offline);
        String again = Files.readString(offline);
        assertTrue(again.contains("#1: " + LEAKED + " threads") && !again.contains("before the recording"), again);
    }

    private static boolean hasFrame(RecordedEvent e, String method) {
        if (e.getStackTrace() == null) {
            return false;
        }
        for (RecordedFrame f : e.getStackTrace().getFrames()) {
            if (f.getMethod() != null && f.getMethod().getName().equals(method)) {
                return true;
            }
        }
        return false;
    }

    private void leakThreadsBeforeTheTriggerInZprofTest() {
        for (int i = 0; i < LEAKED; i++) {
            leaked.newThread("zprof-test-leaked-" + i).start();
        }
    }
}
