package io.zprof.dumper.jfr.internal;

import io.zprof.api.model.Quantities;
import io.zprof.support.jfr.SummaryNumbers;
import java.lang.management.LockInfo;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.time.Instant;
import java.util.List;

/**
 * Writes {@link ThreadInfo}s in the layout of {@code jstack} so that people and thread-dump analysers read it as
 * usual. Unlike {@link ThreadInfo#toString()}, stacks are not cut at 8 frames. Lock addresses are identity hash
 * codes (the only identity the API gives), consistent within one dump.
 */
final class ThreadDumpText {
    private final StringBuilder out = new StringBuilder(64 * 1024);
    private final int maxDepth;

    /**
     * @param maxDepth the depth the stacks were captured with, to mark stacks that reached it
     */
    ThreadDumpText(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    /**
     * @param time      when the dump was taken
     * @param vm        e.g. "OpenJDK 64-Bit Server VM (17.0.15+6 mixed mode)"
     * @param threads   how many threads
     * @param daemons   how many of them are daemons
     * @param jsonToo   whether a JSON dump with virtual threads is written next to this one
     * @return this
     */
    ThreadDumpText header(Instant time, String vm, int threads, int daemons, boolean jsonToo) {
        out.append(time).append('\n');
        out.append("Full thread dump ").append(vm).append(":\n");
        out.append("(zprof: ").append(threads).append(" platform threads, ").append(daemons).append(" daemon; ")
                .append("locked ownable synchronizers not collected, as that scans the heap at a safepoint")
                .append(jsonToo ? "; virtual threads are in the JSON dump" : "").append(")\n\n");
        return this;
    }

    /**
     * @param t              a thread, captured with its locked monitors
     * @param cpuNanos       its CPU time, or -1 when unknown
     * @param allocatedBytes bytes it allocated, or -1 when unknown
     * @return this
     */
    ThreadDumpText thread(ThreadInfo t, long cpuNanos, long allocatedBytes) {
        StackTraceElement[] stack = t.getStackTrace();
        StackTraceElement top = stack.length > 0 ? stack[0] : null;
        out.append('"').append(t.getThreadName()).append("\" #").append(t.getThreadId());
        if (t.isDaemon()) {
            out.append(" daemon");
        }
        out.append(" prio=").append(t.getPriority());
        if (cpuNanos >= 0) {
            out.append(" cpu=").append(SummaryNumbers.millis(cpuNanos));
        }
        if (allocatedBytes >= 0) {
            out.append(" allocated=").append(Quantities.bytes(allocatedBytes).replace(" ", ""));
        }
        out.append(' ').append(activity(t, top)).append('\n');
        out.append("   java.lang.Thread.State: ").append(t.getThreadState()).append(stateDetail(t, top));
        if (t.isInNative()) {
            out.append(" (in native)");
        }
        if (t.isSuspended()) {
            out.append(" (suspended)");
        }
        out.append('\n');
        MonitorInfo[] monitors = t.getLockedMonitors();
        for (int depth = 0; depth < stack.length; depth++) {
            out.append("\tat ");
            frame(stack[depth]);
            out.append('\n');
            if (depth == 0) {
                blockedOn(t, top);
            }
            for (MonitorInfo m : monitors) {
                if (m.getLockedStackDepth() == depth) {
                    lockLine("- locked", m);
                }
            }
        }
        if (stack.length >= maxDepth) {
            out.append("\t... (stack cut at ").append(maxDepth).append(" frames)\n");
        }
        for (MonitorInfo m : monitors) {
            if (m.getLockedStackDepth() < 0) {
                lockLine("- locked (by native code)", m);
            }
        }
        out.append('\n');
        return this;
    }

    /**
     * @param deadlocked the threads of a Java-level deadlock, each with the lock it waits for and that lock's owner
     * @return this
     */
    ThreadDumpText deadlocks(List<ThreadInfo> deadlocked) {
        if (deadlocked.isEmpty()) {
            return this;
        }
        out.append("Found a Java-level deadlock between ").append(deadlocked.size()).append(" threads:\n");
        for (ThreadInfo waiter : deadlocked) {
            out.append('"').append(waiter.getThreadName()).append("\" #").append(waiter.getThreadId());
            LockInfo lock = waiter.getLockInfo();
            if (lock != null) {
                out.append(" waits for <").append(hex(lock.getIdentityHashCode())).append("> (a ")
                        .append(lock.getClassName()).append(')');
            }
            out.append(", held by \"").append(waiter.getLockOwnerName()).append("\" #")
                    .append(waiter.getLockOwnerId()).append('\n');
        }
        out.append('\n');
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private void frame(StackTraceElement e) {
        out.append(e.getClassName()).append('.').append(e.getMethodName()).append('(');
        if (e.getModuleName() != null) {
            out.append(e.getModuleName());
            if (e.getModuleVersion() != null) {
                out.append('@').append(e.getModuleVersion());
            }
            out.append('/');
        }
        if (e.isNativeMethod()) {
            out.append("Native Method");
        } else if (e.getFileName() == null) {
            out.append("Unknown Source");
        } else {
            out.append(e.getFileName());
            if (e.getLineNumber() >= 0) {
                out.append(':').append(e.getLineNumber());
            }
        }
        out.append(')');
    }

    private void blockedOn(ThreadInfo t, StackTraceElement top) {
        LockInfo lock = t.getLockInfo();
        if (lock == null) {
            return;
        }
        switch (t.getThreadState()) {
            case BLOCKED -> lockLine("- waiting to lock", lock);
            case WAITING, TIMED_WAITING -> lockLine(isPark(top) ? "- parking to wait for " : "- waiting on", lock);
            default -> { }
        }
    }

    private void lockLine(String prefix, LockInfo lock) {
        out.append("\t").append(prefix).append(" <").append(hex(lock.getIdentityHashCode())).append("> (a ")
                .append(lock.getClassName()).append(")\n");
    }

    private static String activity(ThreadInfo t, StackTraceElement top) {
        return switch (t.getThreadState()) {
            case RUNNABLE -> "runnable";
            case BLOCKED -> "waiting for monitor entry";
            case WAITING, TIMED_WAITING -> isWait(top) ? "in Object.wait()" : isSleep(top) ? "sleeping"
                    : "waiting on condition";
            case NEW -> "new";
            case TERMINATED -> "terminated";
        };
    }

    private static String stateDetail(ThreadInfo t, StackTraceElement top) {
        return switch (t.getThreadState()) {
            case BLOCKED -> " (on object monitor)";
            case WAITING, TIMED_WAITING -> isWait(top) ? " (on object monitor)" : isSleep(top) ? " (sleeping)"
                    : isPark(top) ? " (parking)" : "";
            default -> "";
        };
    }

    private static boolean isWait(StackTraceElement top) {
        return top != null && "java.lang.Object".equals(top.getClassName()) && top.getMethodName().startsWith("wait");
    }

    private static boolean isSleep(StackTraceElement top) {
        return top != null && "java.lang.Thread".equals(top.getClassName()) && top.getMethodName().startsWith("sleep");
    }

    private static boolean isPark(StackTraceElement top) {
        return top != null && top.getMethodName().startsWith("park")
                && ("jdk.internal.misc.Unsafe".equals(top.getClassName())
                || "java.util.concurrent.locks.LockSupport".equals(top.getClassName()));
    }

    private static String hex(int identityHash) {
        String h = Integer.toHexString(identityHash);
        return "0x" + "00000000".substring(h.length()) + h;
    }
}
