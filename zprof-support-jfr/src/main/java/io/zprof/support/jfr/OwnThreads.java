package io.zprof.support.jfr;

import io.zprof.api.spi.ProviderContext;
import io.zprof.support.jfr.JfrFileWriter;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordedThreadGroup;

/**
 * zprof's own threads (named {@code zprof-...} in the thread group {@link ProviderContext#THREAD_GROUP}: a thread
 * inherits its creator's group, so the name tells zprof's from a shared pool's thread that a zprof thread happened to
 * start, such as OkHttp's or JFR's own) in JFR files. JFR records every thread, so
 * the sampler's, scheduler's and reporters' idle parks would fill the lock profile a person reads. From JDK 19 on
 * ({@link JfrFileWriter}) a file is rewritten without their events; on JDK 17 and 18 it keeps them, and the text summaries leave them out as they read.
 */
public final class OwnThreads {
    /** The fields that name a thread an event is about. */
    private static final List<String> THREAD_FIELDS = List.of("eventThread", "sampledThread", "thread");

    private OwnThreads() {
    }

    /** @return whether this JDK can rewrite a recording without some of its events */
    public static boolean canRewrite() {
        return JfrFileWriter.canRewrite();
    }

    /**
     * @param event any event
     * @return whether a zprof thread committed it, was sampled by it, or is the thread it is about
     */
    public static boolean isOwn(RecordedEvent event) {
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
}
