package io.zprof.dumper.jfr.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.model.DumpKind;
import io.zprof.api.port.Dumper;
import io.zprof.api.spi.ProviderContext;
import io.zprof.support.jfr.JfrEvents;
import io.zprof.support.jfr.OwnThreads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * zprof's own threads (their thread group) are left out of what the dumper writes: always from the text summaries,
 * and from the .jfr file itself where the JDK can rewrite a recording (19 and later; on 17 the test says so loudly
 * and checks the summary only). An application thread parking the same way is the control that stays in.
 */
class OwnThreadsTest {
    @TempDir
    Path dir;

    @Test
    void aLockCaptureShowsTheApplicationsParksAndNotZprofs() throws Exception {
        ThreadGroup zprofGroup = new ThreadGroup(ProviderContext.THREAD_GROUP);
        TempDirOutput out = new TempDirOutput(dir);
        try (Dumper dumper = new JfrDumperProvider().create(Fixtures.context(Fixtures.config(dir, d -> d)));
             var app = new Workloads.Loop("zprof-test-parker", () -> Workloads.parkRepeatedlyInZprofTest(100));
             var own = new Workloads.Loop(zprofGroup, "zprof-test-own",
                     () -> Workloads.parkAsZprofOwnThreadInZprofTest(100))) {
            assertFalse(dumper.dump(Fixtures.request(DumpKind.LOCK, Duration.ofSeconds(1), out)).skipped());
        }
        String text = Files.readString(out.require("lock", "txt"));
        assertTrue(text.contains("zprof-test-parker"), () -> "the application's thread is missing:\n" + text);
        assertFalse(text.contains("zprof-test-own") || text.contains("parkAsZprofOwnThreadInZprofTest"),
                () -> "zprof's own thread is in the summary:\n" + text);

        Path jfr = out.require("lock", "jfr");
        assertTrue(JfrFiles.methodsOnStacks(jfr, "jdk.ThreadPark").contains("parkRepeatedlyInZprofTest"));
        if (!OwnThreads.canRewrite()) {
            System.err.println("OwnThreadsTest: Java " + Runtime.version().feature() + " cannot rewrite a recording:"
                    + " the .jfr keeps zprof's threads; only the summary was checked (JDK 19+ checks the file)");
            return;
        }
        List<String> own = JfrFiles.events(jfr).stream().filter(OwnThreads::isOwn)
                .map(e -> e.getEventType().getName() + " " + JfrEvents.threadName(e)).distinct()
                .collect(Collectors.toList());
        assertTrue(own.isEmpty(), () -> "events of zprof's threads in the file: " + own);
        assertFalse(JfrFiles.methodsOnStacks(jfr, "jdk.ThreadPark").contains("parkAsZprofOwnThreadInZprofTest"));
    }

    @Test
    void anEventIsOwnExactlyWhenItsThreadIsNamedAndGroupedAsZprofs() throws Exception {
        ThreadGroup zprofGroup = new ThreadGroup(ProviderContext.THREAD_GROUP);
        Path raw = dir.resolve("raw.jfr");
        try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
            recording.start();
            try (var app = new Workloads.Loop("zprof-test-parker", () -> Workloads.parkRepeatedlyInZprofTest(100));
                 var own = new Workloads.Loop(zprofGroup, "zprof-test-own",
                         () -> Workloads.parkAsZprofOwnThreadInZprofTest(100));
                 // a shared pool's thread that a zprof thread happened to start inherits the group, not the name
                 var shared = new Workloads.Loop(zprofGroup, "shared-pool-worker",
                         () -> Workloads.parkRepeatedlyInZprofTest(100))) {
                Thread.sleep(500);
            }
            recording.stop();
            recording.dump(raw);
        }
        List<RecordedEvent> events = JfrFiles.events(raw);
        Set<String> ownThreads = events.stream().filter(OwnThreads::isOwn).map(JfrEvents::threadName)
                .collect(Collectors.toSet());
        assertTrue(ownThreads.contains("zprof-test-own"), ownThreads::toString);
        assertFalse(ownThreads.contains("zprof-test-parker"), ownThreads::toString);
        assertFalse(ownThreads.contains("shared-pool-worker"), ownThreads::toString);
        assertTrue(events.stream().anyMatch(e -> "shared-pool-worker".equals(JfrEvents.threadName(e))));
        assertTrue(events.stream().anyMatch(e -> !OwnThreads.isOwn(e)
                && "zprof-test-parker".equals(JfrEvents.threadName(e))));
    }
}
