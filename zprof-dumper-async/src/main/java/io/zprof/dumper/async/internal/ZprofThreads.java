package io.zprof.dumper.async.internal;

import io.zprof.api.spi.ProviderContext;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;

/**
 * Keeps zprof's own threads (group {@link ProviderContext#THREAD_GROUP}, named {@link
 * ProviderContext#THREAD_NAME_PREFIX}...) out of async-profiler's files. async-profiler 4.1 filters threads only for
 * wall-clock sampling, and by inclusion: a wall-clock session is started with {@code filter} and given every other
 * live thread ({@link #forEachApplicationThread}). Its JFR files name threads without their group, so the other
 * events are dropped afterwards by Java thread id ({@link #isOwn(RecordedEvent)}), from JDK 19 on, which can rewrite
 * a recording ({@code JfrFileWriter}); on JDK 17 and 18 the file keeps them. With the
 * {@code cpu}/{@code itimer} events only a thread that runs is sampled, so zprof's mostly-idle threads are rare there.
 */
final class ZprofThreads {
    /** The fields that name a thread an event is about. */
    private static final List<String> THREAD_FIELDS = List.of("eventThread", "sampledThread");
    /** Java ids of every zprof thread seen alive: ids are never reused, and a thread may end before its file is read. */
    private static final Set<Long> SEEN = ConcurrentHashMap.newKeySet();

    private ZprofThreads() {
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

    /** Remembers the zprof threads alive now, so that {@link #isOwn(RecordedEvent)} knows them. */
    static void remember() {
        forEachApplicationThread(t -> { });
    }
}
