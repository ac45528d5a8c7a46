package io.zprof.dumper.async.internal;

import io.zprof.api.spi.ProviderContext;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Keeps zprof's own threads (group {@link ProviderContext#THREAD_GROUP}, named {@link
 * ProviderContext#THREAD_NAME_PREFIX}...) out of async-profiler's files. async-profiler 4.1 filters threads only for
 * wall-clock sampling, and by inclusion: a wall-clock session is started with {@code filter} and given every other
 * live thread ({@link #forEachApplicationThread}). Its JFR files name threads without their group, so the other
 * events are dropped afterwards by Java thread id ({@link #copyWithout}), from JDK 19 on, which can rewrite a
 * recording ({@code RecordingFile.write(Path, Predicate)}); on JDK 17 and 18 the file keeps them. With the
 * {@code cpu}/{@code itimer} events only a thread that runs is sampled, so zprof's mostly-idle threads are rare there.
 */
final class ZprofThreads {
    /** The fields that name a thread an event is about. */
    private static final List<String> THREAD_FIELDS = List.of("eventThread", "sampledThread");
    /** {@code RecordingFile.write(Path, Predicate)}, or null before JDK 19. */
    private static final MethodHandle WRITE = findWrite();
    /** Java ids of every zprof thread seen alive: ids are never reused, and a thread may end before its file is read. */
    private static final Set<Long> SEEN = ConcurrentHashMap.newKeySet();

    private ZprofThreads() {
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

    /** @param t a live thread @return whether the engine made it */
    static boolean isOwn(Thread t) {
        ThreadGroup g = t.getThreadGroup();
        return g != null && ProviderContext.THREAD_GROUP.equals(g.getName())
                && t.getName().startsWith(ProviderContext.THREAD_NAME_PREFIX);
    }

    /**
     * Calls back with every live platform thread that is not zprof's, and remembers zprof's.
     *
     * @param action what to do with each
     */
    static void forEachApplicationThread(Consumer<Thread> action) {
        for (Thread t : liveThreads()) {
            if (isOwn(t)) {
                SEEN.add(t.getId());
            } else {
                action.accept(t);
            }
        }
    }

    private static List<Thread> liveThreads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int n;
        while ((n = root.enumerate(threads, true)) == threads.length) {
            threads = new Thread[threads.length * 2];
        }
        return Arrays.asList(threads).subList(0, n);
    }

    /** @param event any event @return whether a zprof thread committed it or was sampled */
    static boolean isOwn(RecordedEvent event) {
        for (String field : THREAD_FIELDS) {
            if (event.hasField(field)) {
                RecordedThread t = event.getThread(field);
                if (t != null && SEEN.contains(t.getJavaThreadId())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Copies a recording without zprof's threads' events. Needs {@link #canRewrite()}.
     *
     * @param from a finished recording
     * @param to   a file that does not exist yet
     * @throws IOException when either file cannot be used
     */
    static void copyWithout(Path from, Path to) throws IOException {
        if (WRITE == null) {
            throw new IllegalStateException("this JDK cannot rewrite a recording (JDK 19 or later can)");
        }
        forEachApplicationThread(t -> { });
        Predicate<RecordedEvent> keep = e -> !isOwn(e);
        try (RecordingFile file = new RecordingFile(from)) {
            WRITE.invoke(file, to, keep);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException("cannot rewrite " + from + " without zprof's threads: " + e, e);
        }
    }
}
