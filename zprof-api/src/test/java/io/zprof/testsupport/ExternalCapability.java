package io.zprof.testsupport;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Assumptions;

/**
 * A test's need for something a fresh machine may lack (a binary, a kernel feature). Outside CI a missing capability
 * skips the test loudly: a JUnit assumption that names what is missing and how to get it, and the same line on the
 * test JVM's own standard error, which Maven prints although the tests' output goes to files. In CI (environment
 * {@code CI=true}, which {@code .ci/run} sets) the test fails instead: CI provides every capability, so a missing one
 * there is a broken CI, not a reason to skip. Shared through zprof-api's test jar.
 */
public final class ExternalCapability {
    private ExternalCapability() {
    }

    /**
     * Returns when {@code present}; otherwise skips the calling test (fails it in CI).
     *
     * @param present  whether the machine has the capability
     * @param test     the test that needs it, for the message
     * @param what     what is missing, e.g. "the prometheus-pushgateway binary (Debian package prometheus-pushgateway)"
     * @param howToGet how to provide it, e.g. "apt-get install -y prometheus-pushgateway"
     */
    public static void require(boolean present, String test, String what, String howToGet) {
        boolean ci = inCi();
        if (!present && !ci) {
            loud("SKIPPED " + message(test, what, howToGet));
        }
        check(present, test, what, howToGet, ci);
    }

    /** {@link #require(boolean, String, String, String)} without the line on standard error, with CI given. */
    static void check(boolean present, String test, String what, String howToGet, boolean ci) {
        if (present) {
            return;
        }
        String message = message(test, what, howToGet);
        if (ci) {
            throw new AssertionError("CI=true: " + message + " (CI must provide it)");
        }
        Assumptions.assumeTrue(false, message);
    }

    private static String message(String test, String what, String howToGet) {
        return test + " needs " + what + ", which this machine lacks; to run it: " + howToGet;
    }

    /** @return whether the tests run in CI ({@code CI=true}, as CI systems and {@code .ci/run} set it) */
    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * Writes a line to the JVM's real standard error: surefire sends {@code System.err} of a test to a file, but
     * prints what the forked JVM writes to file descriptor 2 in Maven's output.
     *
     * @param line the line to show
     */
    public static void loud(String line) {
        @SuppressWarnings("resource") // file descriptor 2 stays open
        PrintStream stderr = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        stderr.println("[zprof tests] " + line);
        stderr.flush();
    }
}
