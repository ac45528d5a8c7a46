package io.zprof.dumper.jfr.internal;

import io.zprof.api.model.DumpKind;
import java.io.IOException;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.Configuration;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;

/**
 * Every JFR setting zprof records with, built in this one place from a JDK configuration ({@code default} for the
 * always-on recordings, {@code profile} for short triggered captures) with the events that leak secrets turned off.
 */
final class JfrSettings {
    /** Prefix of every recording zprof starts; recordings without it belong to someone else. */
    static final String RECORDING_PREFIX = "zprof-";

    /**
     * Events never recorded by zprof, with why. Names unknown to the running JDK are ignored by JFR, so events of
     * newer JDKs are listed too.
     */
    static final Map<String, String> SECRET_EVENTS = secretEvents();

    /** Events that inspect the whole heap at a safepoint: never in an always-on recording nor a capture. */
    private static final List<String> HEAP_INSPECTING_EVENTS = List.of("jdk.ObjectCount", "jdk.ObjectCountAfterGC");

    /**
     * Events left out of the always-on recordings (window, continuous profiling) and kept in short captures.
     * {@code jdk.GCPhaseParallel} is one event per GC worker per phase of every collection, written inside the
     * pause: beside an allocating service on 2 cores it was three quarters of the window's bytes, and it grows with
     * the cores, so on a large host it would push the window's history out of its byte budget within seconds. The
     * pauses themselves ({@code jdk.GCPhasePause}, {@code jdk.GarbageCollection}) stay.
     */
    static final List<String> PER_GC_WORKER_EVENTS = List.of("jdk.GCPhaseParallel");

    private JfrSettings() {
    }

    private static Map<String, String> secretEvents() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("jdk.InitialEnvironmentVariable", "environment variables (tokens, passwords)");
        m.put("jdk.InitialSystemProperty", "system properties, including -D secrets and sun.java.command");
        m.put("jdk.JVMInformation", "the JVM and program command line");
        m.put("jdk.OSInformation", "host and kernel details");
        m.put("jdk.SystemProcess", "command lines of every process on the host");
        m.put("jdk.ProcessStart", "command lines of processes started by the JVM");
        m.put("jdk.JavaAgent", "agent options, which often carry API keys");
        m.put("jdk.NativeAgent", "agent options, which often carry API keys");
        m.put("jdk.InitialSecurityProperty", "security properties");
        m.put("jdk.SecurityPropertyModification", "security property values");
        m.put("jdk.OldObjectSample", "sampled live objects, whose description includes string contents");
        m.put("jdk.SocketRead", "remote hosts and ports");
        m.put("jdk.SocketWrite", "remote hosts and ports");
        m.put("jdk.TLSHandshake", "remote hosts and certificate details");
        m.put("jdk.X509Certificate", "certificate subjects");
        m.put("jdk.X509Validation", "certificate chains");
        m.put("jdk.JavaExceptionThrow", "exception messages, which may quote user data");
        m.put("jdk.JavaErrorThrow", "error messages, which may quote user data");
        m.put("jdk.VirtualThreadSubmitFailed", "exception messages, which may quote user data");
        m.put("jdk.StringFlag", "string -XX flags such as OnOutOfMemoryError and ErrorFile: commands, paths, credentials");
        m.put("jdk.StringFlagChanged", "old and new values of string -XX flags");
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * @param samplePeriod sampling period ({@code zprof.dump.window.sampleperiod})
     * @return settings of the always-on pre-trigger window: "default" level without the per-GC-worker events,
     * Java and native samples at the period
     */
    static Map<String, String> window(Duration samplePeriod) {
        Map<String, String> s = alwaysOn();
        setSamplingPeriod(s, samplePeriod);
        return s;
    }

    /**
     * @param samplePeriod execution-sample period ({@code zprof.dump.sampleperiod})
     * @return settings of the continuous-profiling recording: "default" level without the per-GC-worker events,
     * Java and native samples at the period
     */
    static Map<String, String> profiling(Duration samplePeriod) {
        Map<String, String> s = alwaysOn();
        setSamplingPeriod(s, samplePeriod);
        return s;
    }

    /**
     * @param kind         a recording kind: cpu, alloc, lock or threadcreate
     * @param samplePeriod execution-sample period ({@code zprof.dump.sampleperiod})
     * @return settings of a short triggered capture: "profile" level, with the kind's own events on and stacked
     */
    static Map<String, String> capture(DumpKind kind, Duration samplePeriod) {
        Map<String, String> s = base("profile");
        setSamplingPeriod(s, samplePeriod);
        if (kind == DumpKind.CPU) {
            enable(s, "jdk.ExecutionSample");
        } else if (kind == DumpKind.ALLOC) {
            enable(s, "jdk.ObjectAllocationSample");
        } else if (kind == DumpKind.LOCK) {
            enable(s, "jdk.JavaMonitorEnter");
            enable(s, "jdk.ThreadPark");
        } else if (kind == DumpKind.THREADCREATE) {
            enable(s, "jdk.ThreadStart");
            enable(s, "jdk.ThreadEnd");
        } else {
            throw new IllegalArgumentException("no JFR capture settings for " + kind);
        }
        return s;
    }

    /**
     * JFR writes one stream shared by every running recording, so a recording someone else started with
     * secret-bearing events puts them in zprof's files too. This finds such recordings.
     *
     * @return a description of each foreign running recording that enables a secret-bearing event; empty when none
     */
    static List<String> foreignRecordingsWithSecrets() {
        List<String> found = new ArrayList<>();
        for (Recording r : FlightRecorder.getFlightRecorder().getRecordings()) {
            if (r.getState() != RecordingState.RUNNING || r.getName().startsWith(RECORDING_PREFIX)) {
                continue;
            }
            List<String> events = new ArrayList<>();
            for (String event : SECRET_EVENTS.keySet()) {
                if ("true".equals(r.getSettings().get(event + "#enabled"))) {
                    events.add(event);
                }
            }
            if (!events.isEmpty()) {
                found.add("recording '" + r.getName() + "' (id " + r.getId() + ") enables " + String.join(", ", events));
            }
        }
        return found;
    }

    /** @return the "default" level without the events too voluminous to record forever */
    private static Map<String, String> alwaysOn() {
        Map<String, String> s = base("default");
        for (String event : PER_GC_WORKER_EVENTS) {
            s.put(event + "#enabled", "false");
        }
        return s;
    }

    private static Map<String, String> base(String configurationName) {
        Map<String, String> s;
        try {
            s = new HashMap<>(Configuration.getConfiguration(configurationName).getSettings());
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("the JDK's JFR configuration '" + configurationName + "' cannot be read", e);
        }
        for (String event : SECRET_EVENTS.keySet()) {
            s.put(event + "#enabled", "false");
        }
        for (String event : HEAP_INSPECTING_EVENTS) {
            s.put(event + "#enabled", "false");
        }
        // "default" dumps every thread at each chunk rotation, and zprof rotates chunks with each capture
        s.put("jdk.ThreadDump#period", "60 s");
        return s;
    }

    private static void enable(Map<String, String> s, String event) {
        s.put(event + "#enabled", "true");
        if (!"jdk.ExecutionSample".equals(event)) {
            s.put(event + "#stackTrace", "true");
        }
    }

    /**
     * Sets the period of both thread samplers. JFR's sampler thread wakes at the shorter of the Java and the native
     * period, so setting the Java one alone would still wake it every 20 ms (the configurations' native period),
     * and on a virtual machine a wake-up can cost hundreds of microseconds.
     */
    private static void setSamplingPeriod(Map<String, String> s, Duration period) {
        long nanos = period.toNanos();
        String value = nanos % 1_000_000 == 0 ? nanos / 1_000_000 + " ms" : nanos + " ns";
        s.put("jdk.ExecutionSample#period", value);
        s.put("jdk.NativeMethodSample#period", value);
    }
}
