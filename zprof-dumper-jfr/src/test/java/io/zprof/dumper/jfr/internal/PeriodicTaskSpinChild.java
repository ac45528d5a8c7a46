package io.zprof.dumper.jfr.internal;

import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.DumpKind;
import io.zprof.api.port.Dumper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * Child JVM of {@link PeriodicTaskSpinTest}. With argument {@code zprof} it runs every recording zprof starts and
 * ends (cpu and thread-creation captures; the window and continuous profiling, a chunk, a window dump; a second
 * window as an update starts it, then both closed as stop() closes them) and measures JFR's periodic task thread
 * after each phase. With {@code control} it reproduces JDK-8302821 without zprof: one JDK "default" recording,
 * stopped and closed. Each measurement is printed as {@code PHASE <name> wakeups=<n> cpuMicros=<n>} over
 * {@link PeriodicTaskThread#MEASURED}.
 *
 * <p>Arguments: {@code zprof DIR} or {@code control}.
 */
public final class PeriodicTaskSpinChild {
    private PeriodicTaskSpinChild() {
    }

    public static void main(String[] args) throws Exception {
        if ("control".equals(args[0])) {
            try (Recording r = new Recording(Configuration.getConfiguration("default"))) {
                r.start();
                Thread.sleep(1000);
                r.stop();
            }
            measure("control");
            return;
        }
        Path dir = Files.createDirectories(Path.of(args[1]));
        TempDirOutput out = new TempDirOutput(dir);
        ZprofConfig plain = Fixtures.config(dir, d -> d);
        Dumper captures = new JfrDumperProvider().create(Fixtures.context(plain));
        captures.dump(Fixtures.request(DumpKind.CPU, Duration.ofSeconds(1), out));
        captures.dump(Fixtures.request(DumpKind.THREADCREATE, Duration.ofSeconds(1), out));
        captures.close();
        measure("captures");

        ZprofConfig windowed = Fixtures.config(dir, d -> d.window(d.build().window().enabled(true))).toBuilder()
                .profiling(p -> p.enabled(true)).build();
        Dumper first = new JfrDumperProvider().create(Fixtures.context(windowed));
        first.dump(Fixtures.request(DumpKind.PROFILE_CHUNK, null, out));
        first.dump(Fixtures.request(DumpKind.WINDOW, null, out));
        Dumper updated = new JfrDumperProvider().create(Fixtures.context(windowed));
        first.close();
        measure("update");
        updated.close();
        measure("stop");
    }

    private static void measure(String phase) throws Exception {
        PeriodicTaskThread.Usage usage = PeriodicTaskThread.measure();
        System.out.printf(Locale.ROOT, "PHASE %s wakeups=%d cpuMicros=%d%n", phase, usage.wakeups(),
                usage.cpuMicros());
    }
}
