package io.zprof.dumper.async.internal;

import io.zprof.api.config.MapConfigProperties;
import io.zprof.core.Zprof;
import io.zprof.core.status.ProviderStatus;
import java.util.Map;

/**
 * A JVM that starts zprof with the window and continuous profiling on and a threads rule dumping {@code wall}, and
 * prints each dumper's state and the JFR recordings that run. With the argument {@code other-profiler-first} it loads async-profiler itself first, as an application (or
 * an agent) using its own copy would, through {@code AsyncProfiler.getInstance()}.
 */
public final class SelectionChild {
    private SelectionChild() {
    }

    /** @param args the dump directory, then optionally {@code other-profiler-first} */
    public static void main(String[] args) throws Exception {
        if (args.length > 1 && args[1].equals("other-profiler-first")) {
            System.out.println("other profiler " + one.profiler.AsyncProfiler.getInstance().getVersion());
        }
        Map<String, String> props = Map.of("zprof.dump.path", args[0], "zprof.dump.window.enabled", "true",
                "zprof.threads.enabled", "true", "zprof.threads.dumps", "threads,wall", "zprof.profiling.enabled", "true");
        try (Zprof zprof = Zprof.builder().properties(new MapConfigProperties("", props)).manualSampling().build()) {
            zprof.start();
            for (ProviderStatus p : zprof.status().providers()) {
                if (p.type().equals("dumper")) {
                    System.out.println("dumper " + p.name() + " " + p.state() + " " + p.selectedFor() + " " + p.detail());
                }
            }
            for (jdk.jfr.Recording r : jdk.jfr.FlightRecorder.getFlightRecorder().getRecordings()) {
                System.out.println("jfr recording " + r.getName() + " " + r.getState());
            }
        }
    }
}
