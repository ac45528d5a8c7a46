package io.zprof.dumper.jfr.internal;

import io.zprof.api.spi.ProviderContext;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordedThreadGroup;
import jdk.jfr.consumer.RecordingFile;

/**
 * zprof's own threads (named {@code zprof-...} in the thread group {@link ProviderContext#THREAD_GROUP}: a thread
 * inherits its creator's group, so the name tells zprof's from a shared pool's thread that a zprof thread happened to
 * start, such as OkHttp's or JFR's own) in JFR files. JFR records every thread, so
 * the sampler's, scheduler's and reporters' idle parks would fill the lock profile a person reads. From JDK 19 on
 * ({@code RecordingFile.write(Path, Predicate)}) a file is rewritten without their events; on JDK 17 and 18 it
 * keeps them, and the text summaries leave them out as they read.
 */
final class OwnThreads {
    /** The fields that name a thread an event is about. */
    private static final List<String> THREAD_FIELDS = List.of("eventThread", "sampledThread", "thread");
    /** {@code RecordingFile.write(Path, Predicate)}, or null before JDK 19. */
    private static final MethodHandle WRITE = findWrite();

    private OwnThreads() {
    }

    private static MethodHandle findWrite() {
        try {
            return MethodHandles.publicLookup().findVirtual(RecordingFile.class, "write",
                    MethodType.methodType(void.class, Path.class, Predicate.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }

    /** @return whether this JDK can rewrite a recording without some of its events */
    static boolean canRewrite() {
        return WRITE != null;
    }

    /**
     * @param event any event
     * @return whether a zprof thread committed it, was sampled by it, or is the thread it is about
     */
    static boolean isOwn(RecordedEvent event) {
        for (String field : THREAD_FIELDS) {
            if (event.hasField(field) && isOwn(event.getThread(field))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isOwn(RecordedThread thread) {
        RecordedThreadGroup group = thread == null ? null : thread.getThreadGroup();
        String name = thread == null ? null : thread.getJavaName();
        return group != null && ProviderContext.THREAD_GROUP.equals(group.getName()) && name != null
                && name.startsWith(ProviderContext.THREAD_NAME_PREFIX);
    }

    /**
     * Copies a recording without zprof's threads' events. Needs {@link #canRewrite()}.
     *
     * @param from a finished recording
     * @param to   a file that does not exist yet
     * @throws IOException when either file cannot be used
     */
    static void copyWithout(Path from, Path to) throws IOException {
        copyMatching(from, to, e -> !isOwn(e));
    }

    /**
     * Copies the events of a recording that match. Needs {@link #canRewrite()}.
     *
     * @param from a finished recording
     * @param to   a file that does not exist yet
     * @param keep the events to copy
     * @throws IOException when either file cannot be used
     */
    static void copyMatching(Path from, Path to, Predicate<RecordedEvent> keep) throws IOException {
        if (WRITE == null) {
            throw new IllegalStateException("this JDK cannot rewrite a recording (JDK 19 or later can)");
        }
        try (RecordingFile file = new RecordingFile(from)) {
            WRITE.invoke(file, to, keep);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException("cannot rewrite " + from + ": " + e, e);
        }
    }
}
