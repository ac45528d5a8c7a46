package io.zprof.dumper.jfr.internal;

import java.util.Map;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps JFR's "JFR Periodic Tasks" thread from spinning on the JDKs that have JDK-8302821 (fixed in JDK 21).
 *
 * <p>There the thread naps for the shortest period among the enabled periodic events, and once no recording runs
 * that computes to zero, so it naps its 10 ms minimum for the rest of the JVM's life: 300-500 ms of CPU a minute
 * (measured on JDK 17.0.15) after the first recording of the process is stopped. One in-memory recording that
 * enables a single periodic event with an hour's period keeps the computation above zero: the thread then wakes
 * once a second, as it does while any recording runs. Closing that recording would start the spin, so it is
 * started before zprof's first recording and kept until the JVM exits; it records one small event an hour into
 * JFR's in-memory buffers and writes nothing to disk.
 */
final class PeriodicTaskGuard {
    private static final Logger LOG = LoggerFactory.getLogger(PeriodicTaskGuard.class);
    /** Name of the guard recording, as {@code jcmd <pid> JFR.check} shows it. */
    static final String NAME = JfrSettings.RECORDING_PREFIX + "periodic-task-guard";
    /** The first feature release with the fix of JDK-8302821. */
    static final int FIXED_IN = 21;
    /**
     * A periodic event with one number and no string, so the guard can never carry anything sensitive; its period
     * only has to be longer than a nap.
     */
    private static final Map<String, String> SETTINGS = Map.of(
            "jdk.PhysicalMemory#enabled", "true",
            "jdk.PhysicalMemory#period", "1 h");

    private static Recording guard; // guarded by PeriodicTaskGuard.class
    private static boolean attempted; // guarded by PeriodicTaskGuard.class: a failure is tried and logged once

    private PeriodicTaskGuard() {
    }

    /** @return whether this JDK's periodic task thread spins once its last recording stops */
    static boolean needed() {
        return Runtime.version().feature() < FIXED_IN;
    }

    /**
     * Starts the guard recording on an affected JDK, once per JVM, before zprof starts a recording of its own.
     * A failure is logged and never stops the capture: without the guard only the spin comes back.
     */
    static synchronized void ensureStarted() {
        if (attempted || !needed()) {
            return;
        }
        attempted = true;
        if (alreadyRunning()) {
            return;
        }
        Recording r = null;
        try {
            r = new Recording(SETTINGS);
            r.setName(NAME);
            r.setToDisk(false);
            r.start();
            guard = r;
            LOG.info("JFR recording '{}' kept open for the life of the JVM: on Java {} JFR's periodic task thread"
                    + " would otherwise spin after the last recording stops (JDK-8302821, fixed in {})", NAME,
                    Runtime.version().feature(), FIXED_IN);
        } catch (RuntimeException e) {
            if (r != null) {
                r.close();
            }
            LOG.warn("JFR recording '{}' could not start: once zprof's recordings stop, JFR's periodic task thread"
                    + " may use about 1 % of a core (JDK-8302821)", NAME, e);
        }
    }

    /**
     * zprof-agent loads this class again in a new class loader at each attach: the guard of an earlier attach, left
     * running at detach, is found by name rather than started twice.
     */
    private static boolean alreadyRunning() {
        return FlightRecorder.getFlightRecorder().getRecordings().stream()
                .anyMatch(r -> NAME.equals(r.getName()) && r.getState() == RecordingState.RUNNING);
    }

    /** @return whether the guard recording runs in this JVM */
    static synchronized boolean running() {
        return guard != null || attempted && needed() && alreadyRunning();
    }
}
