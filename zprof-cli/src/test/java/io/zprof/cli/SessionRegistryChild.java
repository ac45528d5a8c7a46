package io.zprof.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * A JVM whose growth between two heap dumps is held by an instance field: a registry object, reachable from a
 * static, whose {@code sessions} list gains 30 sessions of 128 KiB. Arguments: the older and the newer dump's paths.
 */
public final class SessionRegistryChild {
    /** Sessions added between the dumps. */
    static final int SESSIONS = 30;
    /** Bytes each session holds. */
    static final int SESSION_BYTES = 128 * 1024;
    /** The application's one registry. */
    static final SessionRegistryChild REGISTRY = new SessionRegistryChild();

    /** The holder of the growth. */
    final List<Session> sessions = new ArrayList<>();

    /** One session's state. */
    static final class Session {
        final byte[] state = new byte[SESSION_BYTES];
    }

    /**
     * @param args the older and the newer dump's paths
     * @throws Exception when a dump fails
     */
    public static void main(String[] args) throws Exception {
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        hotspot.dumpHeap(args[0], true);
        for (int i = 0; i < SESSIONS; i++) {
            REGISTRY.sessions.add(new Session());
        }
        hotspot.dumpHeap(args[1], true);
    }
}
