package io.zprof.architecture;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The enforcer rules bound in the parent pom fail the build when broken. This Maven validates the planted modules
 * under {@code src/test/enforcer} (the root pom's {@code planted-enforcer-violations} profile adds them to the
 * reactor, so they resolve zprof-core from it) in one child build that goes on past failures; each planted
 * violation must fail with the enforcer's message, and the compliant module beside them must pass.
 */
class EnforcerRulesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String PLANTED = "zprof-architecture-tests/src/test/enforcer/";
    /** A guard against a hung child build, not a performance limit. */
    private static final long CHILD_BUILD_LIMIT_MINUTES = 10;
    private static String output;

    @BeforeAll
    static void validatePlantedModules() throws IOException, InterruptedException {
        String mavenHome = System.getProperty("zprof.maven.home", "");
        // set by this module's surefire configuration; absent when an IDE runs the test
        assumeTrue(!mavenHome.isBlank() && !mavenHome.startsWith("$"), "run through Maven (zprof.maven.home unset)");
        Path mvn = Path.of(mavenHome, "bin", "mvn");
        List<String> command = new ArrayList<>(List.of(mvn.toString(), "-B", "-fae", "-f", ROOT.resolve("pom.xml")
                .toString(), "validate", "-P", "planted-enforcer-violations", "-am", "-pl", PLANTED
                + "core-in-compile-scope," + PLANTED + "core-in-test-scope," + PLANTED + "api-with-a-dependency"));
        if (System.getProperty("zprof.maven.mode", "").equals("offline=true")) {
            command.add("-o");
        }
        String repo = System.getProperty("zprof.maven.repo", "");
        if (!repo.isBlank() && !repo.startsWith("$")) {
            command.add("-Dmaven.repo.local=" + repo);
        }
        Path log = Files.createTempFile("zprof-enforcer", ".log");
        try {
            Process child = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            assertTrue(child.waitFor(CHILD_BUILD_LIMIT_MINUTES, TimeUnit.MINUTES), "the child build did not finish");
            output = Files.readString(log, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    @Test
    void anAdapterWithCoreInCompileScopeFailsTheBuild() {
        assertModule("planted-core-in-compile-scope", "FAILURE");
        assertOutput("enforce (no-core-in-compile-scope) on project planted-core-in-compile-scope");
        assertOutput("io.zprof:zprof-core:jar:0.1.0-SNAPSHOT <--- banned");
    }

    @Test
    void anAdapterWithCoreInTestScopePasses() {
        assertModule("planted-core-in-test-scope", "SUCCESS");
    }

    @Test
    void theApiWithADependencyFailsTheBuild() {
        assertModule("planted-api-with-a-dependency", "FAILURE");
        assertOutput("enforce (no-dependencies) on project planted-api-with-a-dependency");
        assertOutput("org.slf4j:slf4j-api:jar:");
    }

    /** @param module a planted module @param result its line in the reactor summary */
    private static void assertModule(String module, String result) {
        assertTrue(Pattern.compile("(?m)^\\[INFO\\] " + module + " \\.+ " + result).matcher(output).find(),
                module + " is not " + result + " in the child build:\n" + output);
    }

    private static void assertOutput(String text) {
        assertTrue(output.contains(text), "the child build does not say \"" + text + "\":\n" + output);
    }
}
