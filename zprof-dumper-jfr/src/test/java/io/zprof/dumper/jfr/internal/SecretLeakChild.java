package io.zprof.dumper.jfr.internal;

import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.DumpKind;
import io.zprof.api.port.Dumper;
import io.zprof.api.spi.DumperProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.locks.LockSupport;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * Child JVM of {@link SecretLeakTest}: started with a secret in an environment variable, a system property and
 * its command line, it captures with zprof's dumpers as found by ServiceLoader, and also writes an unfiltered
 * JDK "default" recording as a control that must contain the secret.
 *
 * <p>Arguments: artefact directory, control directory.
 */
public final class SecretLeakChild {
    private SecretLeakChild() {
    }

    /** An application error whose message quotes user data, as jdk.JavaErrorThrow would record it. */
    private static void throwAndCatchError(String secret) {
        try {
            throw new AssertionError("user data: " + secret);
        } catch (AssertionError expected) {
            LockSupport.parkNanos(1_000_000);
        }
    }

    public static void main(String[] args) throws Exception {
        Path artefacts = Path.of(args[0]);
        Path control = Path.of(args[1]);
        ZprofConfig config = Fixtures.config(artefacts, d -> d.window(d.build().window().enabled(true))).toBuilder()
                .profiling(p -> p.enabled(true)).build();
        Map<String, Dumper> dumpers = new HashMap<>();
        for (DumperProvider p : ServiceLoader.load(DumperProvider.class)) {
            dumpers.put(p.name(), p.create(Fixtures.context(config)));
        }
        TempDirOutput out = new TempDirOutput(artefacts);
        try (Recording unfiltered = new Recording(Configuration.getConfiguration("default"))) {
            unfiltered.setName("control-unfiltered");
            Dumper jfr = dumpers.get("jfr");
            String secret = System.getProperty("zprof.test.secret");
            try (var burn = new Workloads.Loop("zprof-test-burner", () -> Workloads.burnCpuInZprofTest(50));
                 var errors = new Workloads.Loop("zprof-test-error-thrower", () -> throwAndCatchError(secret))) {
                jfr.dump(Fixtures.request(DumpKind.CPU, Duration.ofSeconds(1), out));
                jfr.dump(Fixtures.request(DumpKind.THREADCREATE, Duration.ofSeconds(1), out));
                jfr.dump(Fixtures.request(DumpKind.WINDOW, null, out));
                jfr.dump(Fixtures.request(DumpKind.PROFILE_CHUNK, null, out));
                dumpers.get("hotspot").dump(Fixtures.request(DumpKind.THREADS, null, out));
            }
            // started only now: a foreign recording with secret events would leak into zprof's files (see JfrSettings)
            unfiltered.start();
            throwAndCatchError(secret);
            unfiltered.stop();
            unfiltered.dump(control.resolve("control.jfr"));
        } finally {
            dumpers.values().forEach(Dumper::close);
        }
    }
}
