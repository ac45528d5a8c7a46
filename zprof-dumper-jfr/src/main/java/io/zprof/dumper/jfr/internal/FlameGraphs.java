package io.zprof.dumper.jfr.internal;

import io.zprof.api.model.DumpKind;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Flame graph HTML from a JFR file through async-profiler's converter ({@value #ARTIFACT}), an optional
 * dependency loaded reflectively: without the jar, everything else still works and the capture says why no
 * flame graph was written.
 */
final class FlameGraphs {
    /** Maven coordinates of the optional converter, for messages. */
    static final String ARTIFACT = "tools.profiler:jfr-converter";

    private final Constructor<?> arguments;
    private final Method convert;
    private final String missing;

    private FlameGraphs(Constructor<?> arguments, Method convert, String missing) {
        this.arguments = arguments;
        this.convert = convert;
        this.missing = missing;
    }

    /**
     * @param loader where to look for the converter
     * @return a converter, or one that explains it is missing
     */
    static FlameGraphs load(ClassLoader loader) {
        try {
            Class<?> args = Class.forName("one.convert.Arguments", false, loader);
            Class<?> flame = Class.forName("one.convert.JfrToFlame", false, loader);
            return new FlameGraphs(args.getConstructor(String[].class),
                    flame.getMethod("convert", String.class, String.class, args), null);
        } catch (ReflectiveOperationException | LinkageError e) {
            return new FlameGraphs(null, null, "flame graph not written: add " + ARTIFACT
                    + " to the classpath (" + e + ")");
        }
    }

    /** @return why flame graphs cannot be written here, or empty when they can */
    Optional<String> unavailableReason() {
        return Optional.ofNullable(missing);
    }

    /** @param kind a dump kind @return whether a flame graph makes sense for it (stack samples with a weight) */
    static boolean supports(DumpKind kind) {
        return kind == DumpKind.CPU || kind == DumpKind.ALLOC || kind == DumpKind.LOCK || kind == DumpKind.WINDOW;
    }

    /**
     * @param kind      cpu and window draw execution samples; alloc and lock their own events
     * @param recording the JFR file
     * @param html      the file to create
     * @throws IOException when the converter fails or is missing
     */
    void write(DumpKind kind, Path recording, Path html) throws IOException {
        if (missing != null) {
            throw new IOException(missing);
        }
        List<String> args = new ArrayList<>(List.of("--title", "zprof " + kind.key()));
        if (kind == DumpKind.ALLOC) {
            args.add("--alloc");
        } else if (kind == DumpKind.LOCK) {
            args.add("--lock");
        }
        try {
            Object parsed = arguments.newInstance((Object) args.toArray(new String[0]));
            convert.invoke(null, recording.toString(), html.toString(), parsed);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new IOException("flame graph conversion of " + recording + " failed: " + cause, cause);
        } catch (ReflectiveOperationException e) {
            throw new IOException("flame graph converter " + ARTIFACT + " cannot be called: " + e, e);
        }
    }
}
