package io.zprof.core.internal.engine;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Keeps zprof's threads out of JFR recordings at the source on JDK 17 and 18, which cannot rewrite a recording
 * afterwards (the JFR dumper does that from JDK 19 on). JFR's thread exclusion, which it uses for its own threads,
 * is internal: reachable only when the JVM is started with {@code --add-exports jdk.jfr/jdk.jfr.internal=ALL-UNNAMED}.
 * Without that flag, or when the JDK has no such method, nothing happens.
 */
final class JfrThreadExclusion {
    /** The first JDK whose dumper rewrites recordings without zprof's threads. */
    private static final int REWRITE_FROM = 19;
    /** {@code jdk.jfr.internal.JVM.getJVM().exclude(Thread)}, or null where unreachable or not needed. */
    private static final MethodHandle EXCLUDE = find();

    private JfrThreadExclusion() {
    }

    private static MethodHandle find() {
        if (Runtime.version().feature() >= REWRITE_FROM) {
            return null;
        }
        try {
            Class<?> jvm = Class.forName("jdk.jfr.internal.JVM");
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            Object instance = lookup.findStatic(jvm, "getJVM", MethodType.methodType(jvm)).invoke();
            return lookup.findVirtual(jvm, "exclude", MethodType.methodType(void.class, Thread.class)).bindTo(instance);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            // not exported to zprof, no jdk.jfr module, or another JDK's internals: the recordings keep the threads
            return null;
        }
    }

    /** @return whether threads are excluded here */
    static boolean active() {
        return EXCLUDE != null;
    }

    /** @param thread a thread zprof is about to start, left out of every JFR recording from now on */
    static void exclude(Thread thread) {
        if (EXCLUDE == null) {
            return;
        }
        try {
            EXCLUDE.invoke(thread);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            // the thread is recorded as any other; nothing else depends on it
        }
    }
}
