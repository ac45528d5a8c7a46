package io.zprof.dumper.async.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.testsupport.ChildJvm;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the engine picks the async dumper, in fresh JVMs (a loaded native library cannot be unloaded). */
class ProviderSelectionTest {
    @TempDir
    Path dir;

    @Test
    void whereAsyncProfilerLoadsItServesItsKindsAndTheJfrDumperTheRest() throws Exception {
        String out = ChildJvm.run(dir, List.of(), SelectionChild.class, List.of(dir.toString()), Map.of());
        assertTrue(Pattern.compile("dumper async SELECTED \\[[^]]*\\]").matcher(out).find(), out);
        String async = line(out, "dumper async ");
        for (String kind : List.of("cpu", "wall", "alloc", "lock", "window", "profile_chunk")) {
            assertTrue(async.contains(kind), async);
        }
        String jfr = line(out, "dumper jfr ");
        assertTrue(jfr.contains("SELECTED") && jfr.contains("threadcreate") && !jfr.contains("window,")
                && jfr.contains("not used for") && jfr.contains("window→async")
                && jfr.contains("profile_chunk→async"), "status() says async makes the chunks: " + jfr);
        assertFalse(out.contains("jfr recording zprof-profile"), "no JFR profiling recording runs:\n" + out);
    }

    @Test
    void withAnotherAsyncProfilerInTheProcessTheJfrDumperServesEverythingAndStatusSaysWhy() throws Exception {
        String out = ChildJvm.run(dir, List.of("-Djava.io.tmpdir=" + dir), SelectionChild.class,
                List.of(dir.toString(), "other-profiler-first"), Map.of());
        String async = line(out, "dumper async ");
        assertTrue(async.contains("UNAVAILABLE") && async.contains("another async-profiler is already loaded"), async);
        String jfr = line(out, "dumper jfr ");
        assertTrue(jfr.contains("SELECTED") && jfr.contains("cpu") && jfr.contains("window")
                && jfr.contains("profile_chunk"), "the JFR chunks take over: " + jfr);
        assertTrue(out.contains("jfr recording zprof-profile RUNNING"), "the JFR profiling recording runs:\n" + out);
    }

    private static String line(String out, String start) {
        return out.lines().filter(l -> l.startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with '" + start + "' in:\n" + out));
    }
}
