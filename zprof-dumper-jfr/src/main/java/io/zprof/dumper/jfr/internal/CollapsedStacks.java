package io.zprof.dumper.jfr.internal;

import io.zprof.support.jfr.WeightsByKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import one.convert.Arguments;
import one.convert.FlameGraph;
import one.convert.JfrToFlame;

/**
 * A recording's execution samples as collapsed stacks (root first, one line per distinct stack with its count), read
 * with async-profiler's converter ({@code tools.profiler:jfr-converter}), which parses JFR quickly and names frames as
 * its flame graphs do. The report draws its flame graphs and top-frame tables from them.
 */
final class CollapsedStacks {
    /** The converter's frame-type suffix ({@code _[j]} compiled, {@code _[i]} inlined, {@code _[0]} interpreted). */
    private static final Pattern TYPE_SUFFIX = Pattern.compile("_\\[[a-z0-9]]$");

    /** One distinct stack. @param frames root first @param samples how many samples had it */
    record Stack(List<String> frames, long samples) {
    }

    private final List<Stack> stacks;
    private final long total;

    private CollapsedStacks(List<Stack> stacks, long total) {
        this.stacks = stacks;
        this.total = total;
    }

    /**
     * @param recording a JFR file with {@code jdk.ExecutionSample} events
     * @return its stacks
     * @throws IOException when the converter cannot read it
     */
    static CollapsedStacks cpu(Path recording) throws IOException {
        FlameGraph graph = JfrToFlame.parse(recording.toString(), new Arguments("--dot", "--output", "collapsed"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, false, StandardCharsets.UTF_8)) {
            graph.dump(out);
        }
        List<Stack> stacks = new ArrayList<>();
        long total = 0;
        for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
            int space = line.lastIndexOf(' ');
            if (space <= 0) {
                continue;
            }
            long n = Long.parseLong(line.substring(space + 1).trim());
            List<String> frames = new ArrayList<>();
            for (String f : line.substring(0, space).split(";")) {
                frames.add(TYPE_SUFFIX.matcher(f).replaceFirst(""));
            }
            stacks.add(new Stack(frames, n));
            total += n;
        }
        return new CollapsedStacks(stacks, total);
    }

    /** @return every distinct stack */
    List<Stack> stacks() {
        return stacks;
    }

    /** @return samples in all */
    long total() {
        return total;
    }

    /** @return samples per innermost frame */
    WeightsByKey self() {
        WeightsByKey t = new WeightsByKey();
        for (Stack s : stacks) {
            t.add(s.frames().get(s.frames().size() - 1), s.samples());
        }
        t.addTotal(total);
        return t;
    }

    /** @return samples per frame anywhere on the stack, once per stack */
    WeightsByKey inclusive() {
        WeightsByKey t = new WeightsByKey();
        for (Stack s : stacks) {
            Set<String> seen = new HashSet<>();
            for (String f : s.frames()) {
                if (seen.add(f)) {
                    t.add(f, s.samples());
                }
            }
        }
        t.addTotal(total);
        return t;
    }
}
