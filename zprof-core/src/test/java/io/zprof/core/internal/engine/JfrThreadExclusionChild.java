package io.zprof.core.internal.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;

/**
 * Child JVM of {@link JfrThreadExclusionTest}: a thread from {@link ZprofThreadFactory} and an application thread
 * park the same way under a JFR recording; prints {@code EXCLUSION active=<bool> zprof=<events> app=<events>}.
 *
 * <p>Argument: a file for the recording.
 */
public final class JfrThreadExclusionChild {
    private JfrThreadExclusionChild() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Runnable parks = () -> {
            for (int i = 0; i < 10; i++) {
                LockSupport.parkNanos(30_000_000L);
            }
        };
        try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
            recording.start();
            Thread own = new ZprofThreadFactory("test").newThread(parks);
            Thread app = new Thread(parks, "app-parker");
            own.start();
            app.start();
            own.join();
            app.join();
            recording.stop();
            recording.dump(file);
        }
        long ownEvents = count(file, "zprof-test-1");
        long appEvents = count(file, "app-parker");
        System.out.println("EXCLUSION active=" + JfrThreadExclusion.active() + " zprof=" + ownEvents + " app=" + appEvents);
    }

    private static long count(Path file, String thread) throws Exception {
        return RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getThread() != null && thread.equals(e.getThread().getJavaName())).count();
    }
}
