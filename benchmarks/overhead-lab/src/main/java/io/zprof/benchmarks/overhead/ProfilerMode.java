package io.zprof.benchmarks.overhead;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What profiles {@link HttpService} in one of {@link SideBySide}'s child JVMs. Every mode runs the same service, JVM
 * options and heap; only these differ.
 */
enum ProfilerMode {
    /** The JVM alone: the baseline the others are compared with. */
    ALONE("JVM alone", "none"),
    /** zprof's sampler with every threshold rule on (never crossed), no window. */
    SAMPLER("zprof sampler", "sampler"),
    /** As SAMPLER, plus the pre-trigger window on JFR (zprof-dumper-jfr; its default 50 ms sampling). */
    JFR_WINDOW("zprof + JFR window", "window"),
    /** As SAMPLER, plus the pre-trigger window on async-profiler (zprof-dumper-async on the class path). */
    ASYNC_WINDOW("zprof + async window", "window"),
    /** No zprof; JFR's default settings: {@code -XX:StartFlightRecording=settings=default}. */
    JFR_DEFAULT("JFR default", "none"),
    /** No zprof; the Grafana Pyroscope Java agent at its defaults, uploading to {@link IngestSink}. */
    PYROSCOPE("Pyroscope agent", "none");

    /** The jars only the ASYNC_WINDOW child has, in the directory the lab's build copies them to. */
    static final List<String> ASYNC_JARS = List.of("zprof-dumper-async.jar", "async-profiler.jar");
    /** The Pyroscope agent's jar in that directory. */
    static final String PYROSCOPE_JAR = "agent.jar";

    final String label;
    /** {@link HttpService}'s first argument. */
    final String zprof;

    ProfilerMode(String label, String zprof) {
        this.label = label;
        this.zprof = zprof;
    }

    /**
     * @param baseClassPath the lab's class path (without async-profiler)
     * @param jars          the directory holding {@link #ASYNC_JARS} and {@link #PYROSCOPE_JAR}
     * @return the child's class path
     */
    String classPath(String baseClassPath, Path jars) {
        if (this != ASYNC_WINDOW) {
            return baseClassPath;
        }
        StringBuilder cp = new StringBuilder(baseClassPath);
        for (String jar : ASYNC_JARS) {
            cp.append(File.pathSeparatorChar).append(jars.resolve(jar));
        }
        return cp.toString();
    }

    /**
     * @param jars    as in {@link #classPath}
     * @param workDir this child's own directory (JFR's repository)
     * @return the JVM options of this mode, before the common ones
     */
    List<String> jvmOptions(Path jars, Path workDir) {
        List<String> options = new ArrayList<>();
        if (this == JFR_DEFAULT) {
            options.add("-XX:StartFlightRecording=settings=default");
            options.add("-XX:FlightRecorderOptions=repository=" + workDir.resolve("jfr-repository"));
        } else if (this == PYROSCOPE) {
            options.add("-javaagent:" + jars.resolve(PYROSCOPE_JAR));
        }
        return options;
    }

    /**
     * @param sinkAddress where the Pyroscope agent uploads
     * @return environment variables of this mode
     */
    Map<String, String> environment(String sinkAddress) {
        if (this != PYROSCOPE) {
            return Map.of();
        }
        // its defaults otherwise: itimer every 10 ms, JFR format, an upload every 10 s
        return Map.of("PYROSCOPE_SERVER_ADDRESS", sinkAddress, "PYROSCOPE_APPLICATION_NAME", "zprof-side-by-side",
                "PYROSCOPE_LOG_LEVEL", "warn");
    }
}
