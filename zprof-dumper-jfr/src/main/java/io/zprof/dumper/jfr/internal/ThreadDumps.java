package io.zprof.dumper.jfr.internal;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.zprof.api.model.DumpRequest;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Thread dumps: {@code threads.txt} in the jstack layout from {@link ThreadMXBean#dumpAllThreads} with locked
 * monitors but without locked synchronizers (which would scan the heap at a safepoint), and on JDK 21+
 * {@code threads.json} from {@code HotSpotDiagnosticMXBean.dumpThreads}, the only dump that includes virtual
 * threads. Thread-safe.
 */
final class ThreadDumps {
    /** Frames kept per stack: deeper stacks are recursion, and the safepoint pause grows with the depth. */
    static final int MAX_DEPTH = 1024;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final HotSpotDiagnosticMXBean diagnostics = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    private final Method dumpThreads;
    private final Object jsonFormat;

    ThreadDumps() {
        Method method = null;
        Object json = null;
        try {
            Class<?> format = Class.forName("com.sun.management.HotSpotDiagnosticMXBean$ThreadDumpFormat");
            method = HotSpotDiagnosticMXBean.class.getMethod("dumpThreads", String.class, format);
            for (Object constant : format.getEnumConstants()) {
                if ("JSON".equals(((Enum<?>) constant).name())) {
                    json = constant;
                }
            }
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            // before JDK 21: text only
        }
        this.dumpThreads = json == null || diagnostics == null ? null : method;
        this.jsonFormat = json;
    }

    /** @return whether this JDK writes the JSON thread dump with virtual threads (JDK 21+) */
    boolean jsonSupported() {
        return dumpThreads != null;
    }

    /**
     * Writes {@code threads.json} when binary forms are on and the JDK has it, and {@code threads.txt} when text
     * forms are on or when the text is the only form this JDK can write.
     *
     * @param request the capture
     * @throws IOException when a file cannot be written
     */
    void write(DumpRequest request) throws IOException {
        boolean json = request.binary() && jsonSupported();
        if (request.text() || !json) {
            TextFiles.write(request.output().newFile("threads", "txt"), text(json), "thread dump");
        }
        if (json) {
            writeJson(request.output().newFile("threads", "json"));
        }
    }

    /**
     * @param jsonToo whether the header should point to a JSON dump written alongside
     * @return the jstack-style dump of every platform thread
     */
    String text(boolean jsonToo) {
        boolean monitors = threads.isObjectMonitorUsageSupported();
        ThreadInfo[] infos = threads.dumpAllThreads(monitors, false, MAX_DEPTH);
        long[] ids = new long[infos.length];
        int daemons = 0;
        for (int i = 0; i < infos.length; i++) {
            ids[i] = infos[i].getThreadId();
            daemons += infos[i].isDaemon() ? 1 : 0;
        }
        long[] cpu = cpuTimes(ids);
        long[] allocated = allocatedBytes(ids);
        String vm = System.getProperty("java.vm.name") + " (" + System.getProperty("java.vm.version") + " "
                + System.getProperty("java.vm.info") + ")";
        ThreadDumpText text = new ThreadDumpText(MAX_DEPTH).header(Instant.now(), vm, infos.length, daemons, jsonToo);
        for (int i = 0; i < infos.length; i++) {
            text.thread(infos[i], cpu[i], allocated[i]);
        }
        return text.deadlocks(deadlocked(infos)).toString();
    }

    private void writeJson(Path json) throws IOException {
        try {
            // HotSpot insists on an absolute path to a file that does not exist yet
            dumpThreads.invoke(diagnostics, json.toAbsolutePath().toString(), jsonFormat);
        } catch (InvocationTargetException e) {
            throw new IOException("cannot write JSON thread dump to " + json + ": " + e.getCause(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new IOException("HotSpotDiagnosticMXBean.dumpThreads cannot be called: " + e, e);
        }
    }

    private long[] cpuTimes(long[] ids) {
        if (threads instanceof com.sun.management.ThreadMXBean sun && sun.isThreadCpuTimeSupported()
                && sun.isThreadCpuTimeEnabled()) {
            return sun.getThreadCpuTime(ids);
        }
        return unknown(ids.length);
    }

    private long[] allocatedBytes(long[] ids) {
        if (threads instanceof com.sun.management.ThreadMXBean sun && sun.isThreadAllocatedMemorySupported()
                && sun.isThreadAllocatedMemoryEnabled()) {
            return sun.getThreadAllocatedBytes(ids);
        }
        return unknown(ids.length);
    }

    private static long[] unknown(int n) {
        long[] a = new long[n];
        Arrays.fill(a, -1);
        return a;
    }

    private List<ThreadInfo> deadlocked(ThreadInfo[] infos) {
        long[] ids = threads.isSynchronizerUsageSupported() ? threads.findDeadlockedThreads()
                : threads.findMonitorDeadlockedThreads();
        List<ThreadInfo> out = new ArrayList<>();
        if (ids == null) {
            return out;
        }
        Set<Long> wanted = new HashSet<>();
        for (long id : ids) {
            wanted.add(id);
        }
        for (ThreadInfo t : infos) {
            if (wanted.contains(t.getThreadId())) {
                out.add(t);
            }
        }
        return out;
    }
}
