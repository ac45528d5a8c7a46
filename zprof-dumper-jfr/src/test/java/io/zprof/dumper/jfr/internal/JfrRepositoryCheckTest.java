package io.zprof.dumper.jfr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zprof.testsupport.ChildJvm;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warning about a JFR repository other users can read: decided on real directories with real modes, and seen
 * (once, not per recording) in child JVMs whose window records to the default repository, and not at all when the
 * JVM is started with the private repository the README advises.
 */
class JfrRepositoryCheckTest {
    private static final String WARNING = "other local users can read the recorded stacks";

    @TempDir
    Path dir;

    @BeforeEach
    void posixOnly() {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
                "SKIPPED LOUDLY: this file system has no POSIX permissions, so there is nothing to check");
    }

    @Test
    void aRepositoryEveryUserCanReachIsReported() throws IOException {
        directory(dir, "rwxr-xr-x"); // JUnit makes it private
        Path repository = directory(directory(dir.resolve("open"), "rwxr-xr-x").resolve("repo"), "rwxr-xr-x");
        Optional<String> why = JfrRepositoryCheck.exposure(repository);
        assertTrue(why.isPresent() && why.get().contains("rwxr-xr-x") && why.get().contains("every local user"),
                why::toString);
    }

    @Test
    void aRepositoryOnlyTheGroupCanReachIsReportedAsSuch() throws IOException {
        directory(dir, "rwxr-xr-x");
        Path repository = directory(directory(dir.resolve("group"), "rwxr-x---").resolve("repo"), "rwxr-x---");
        assertEquals(Optional.of("JFR's repository " + repository + " is rwxr-x--- and reachable by its group"),
                JfrRepositoryCheck.exposure(repository));
    }

    @Test
    void anOpenRepositoryInsideAPrivateDirectoryIsNotReported() throws IOException {
        directory(dir, "rwxr-xr-x");
        Path repository = directory(directory(dir.resolve("private"), "rwx------").resolve("repo"), "rwxr-xr-x");
        assertEquals(Optional.empty(), JfrRepositoryCheck.exposure(repository));
    }

    @Test
    void theWindowOnTheDefaultRepositoryWarnsOnceAndAPrivateRepositoryNotAtAll() throws Exception {
        String open = runChild(List.of());
        assertEquals(1, count(open, WARNING), () -> "with the JDK's default repository (umask 022):\n" + open);
        Path privateRepository = directory(dir.resolve("jfr-private"), "rwx------");
        String closed = runChild(List.of("-XX:FlightRecorderOptions:repository=" + privateRepository));
        assertEquals(0, count(closed, WARNING), () -> "with a private repository:\n" + closed);
    }

    private static Path directory(Path path, String mode) throws IOException {
        Files.createDirectories(path);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
        return path;
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private String runChild(List<String> jvmOptions) throws IOException, InterruptedException {
        return ChildJvm.run(dir, jvmOptions, RepositoryWarningChild.class, List.of(dir.resolve("dumps").toString()),
                Map.of());
    }
}
