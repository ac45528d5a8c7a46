package io.zprof.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.testsupport.ChildJvm;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On JDK 17 and 18, a JVM started with {@code --add-exports jdk.jfr/jdk.jfr.internal=ALL-UNNAMED} keeps zprof's
 * threads out of JFR at the source; without the flag, and from JDK 19 on (where the dumper rewrites its files
 * instead), nothing is excluded. Child JVMs on this test's JDK, with an application thread as the control.
 */
class JfrThreadExclusionTest {
    private static final Pattern RESULT = Pattern.compile("EXCLUSION active=(\\w+) zprof=(\\d+) app=(\\d+)");
    private static final boolean BEFORE_REWRITE = Runtime.version().feature() < 19;

    @TempDir
    Path dir;

    @Test
    void withTheExportZprofsThreadsAreLeftOutOnJdksThatCannotRewrite() throws Exception {
        long[] r = runChild(List.of("--add-exports", "jdk.jfr/jdk.jfr.internal=ALL-UNNAMED"));
        assertTrue(r[2] > 0, "the application thread's parks are recorded");
        assertEquals(BEFORE_REWRITE ? 1 : 0, r[0], "exclusion active");
        if (BEFORE_REWRITE) {
            assertEquals(0, r[1], "events of zprof's thread (the app thread has " + r[2] + ")");
        } else {
            assertTrue(r[1] > 0, "from JDK 19 on the dumper rewrites its files instead; JFR itself records the thread");
        }
    }

    @Test
    void withoutTheExportNothingIsExcludedAndNothingFails() throws Exception {
        long[] r = runChild(List.of());
        assertEquals(0, r[0], "exclusion active");
        assertTrue(r[1] > 0 && r[2] > 0, "both threads' parks are recorded: zprof " + r[1] + ", app " + r[2]);
    }

    /** @return {active (1/0), zprof thread's events, application thread's events} */
    private long[] runChild(List<String> jvmOptions) throws Exception {
        String output = ChildJvm.run(dir, jvmOptions, JfrThreadExclusionChild.class,
                List.of(dir.resolve("rec-" + jvmOptions.size() + ".jfr").toString()), Map.of());
        Matcher m = RESULT.matcher(output);
        assertTrue(m.find(), () -> "no result line:\n" + output);
        return new long[] {Boolean.parseBoolean(m.group(1)) ? 1 : 0, Long.parseLong(m.group(2)), Long.parseLong(m.group(3))};
    }
}
