package io.zprof.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a test's main class in a child JVM of the same JDK and class path (zprof's log at WARN), and fails the test
 * if the child fails or hangs.
 */
public final class ChildJvm {
    private ChildJvm() {
    }

    /**
     * @param logDir     where the child's output is kept
     * @param jvmOptions options before the class path
     * @param main       the class to run
     * @param args       its arguments
     * @param env        environment variables to add
     * @return everything the child printed, stdout and stderr together
     */
    public static String run(Path logDir, List<String> jvmOptions, Class<?> main, List<String> args, Map<String, String> env)
            throws IOException, InterruptedException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", main.getName()));
        command.addAll(args);
        Path log = Files.createTempFile(logDir, "child", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process child = pb.start();
        boolean finished = child.waitFor(2, TimeUnit.MINUTES);
        if (!finished) {
            child.destroyForcibly();
        }
        String output = Files.readString(log);
        assertTrue(finished, () -> "child did not finish:\n" + output);
        assertEquals(0, child.exitValue(), () -> "child failed:\n" + output);
        return output;
    }
}
