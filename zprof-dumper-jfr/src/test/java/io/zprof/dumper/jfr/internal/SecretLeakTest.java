package io.zprof.dumper.jfr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.testsupport.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedObject;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The canary: a child JVM holds a fake secret in an environment variable, a -D property and its command line,
 * captures cpu, thread-creation, window, profile-chunk and thread dumps, and no byte of any artefact, nor any
 * string in any decoded JFR event, contains the secret. A control recording with the JDK's unfiltered "default"
 * settings, taken in the same child, must contain it: that proves the scan can see it.
 */
class SecretLeakTest {
    private static final String SECRET = "zprofCanary" + UUID.randomUUID().toString().replace("-", "");

    @TempDir
    static Path dir;
    private static Path artefacts;
    private static Path control;

    @BeforeAll
    static void runChild() throws Exception {
        artefacts = Files.createDirectory(dir.resolve("artefacts"));
        control = Files.createDirectory(dir.resolve("control"));
        ChildJvm.run(dir, List.of("-Dzprof.test.secret=" + SECRET,
                        // string flags, as -XX:OnOutOfMemoryError commands often carry credentials
                        "-XX:OnOutOfMemoryError=echo " + SECRET, "-XX:ErrorFile=" + dir.resolve(SECRET + "-hs_err.log")),
                SecretLeakChild.class, List.of(artefacts.toString(), control.toString(), "--password=" + SECRET),
                Map.of("ZPROF_TEST_API_TOKEN", SECRET));
    }

    @Test
    void theChildWroteEveryKindOfArtefact() throws IOException {
        Set<String> names = new TreeSet<>();
        for (Path p : files(artefacts)) {
            names.add(p.getFileName().toString().replaceFirst("^tmp-\\d+-", ""));
        }
        assertTrue(names.containsAll(List.of("cpu.jfr", "cpu.txt", "threadcreate.jfr", "threadcreate.txt", "window.jfr",
                "window.txt", "profile.jfr", "profile.txt", "threads.txt")), names::toString);
    }

    @Test
    void theControlRecordingHasTheSecretSoTheScanCanSeeIt() throws IOException {
        Path controlFile = control.resolve("control.jfr");
        assertTrue(rawBytesContain(controlFile), "raw bytes of the unfiltered control");
        List<String> found = stringsInEvents(controlFile);
        for (String event : List.of("jdk.StringFlag.value", "jdk.JavaErrorThrow.message",
                "jdk.InitialEnvironmentVariable.value", "jdk.InitialSystemProperty.value")) {
            assertTrue(found.contains(event), () -> "the control has no secret in " + event + ": " + found);
        }
    }

    @Test
    void noArtefactContainsTheSecretInItsBytesOrInAnyDecodedJfrString() throws IOException {
        List<String> leaks = new ArrayList<>();
        for (Path p : files(artefacts)) {
            if (rawBytesContain(p)) {
                leaks.add(p + ": raw bytes");
            }
            if (p.toString().endsWith(".jfr")) {
                stringsInEvents(p).forEach(where -> leaks.add(p + ": " + where));
            }
        }
        assertEquals(List.of(), leaks);
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> s = Files.list(root)) {
            return s.sorted().toList();
        }
    }

    /** The secret is ASCII: JFR's UTF-8, Latin-1 and varint char-array encodings all store it as these bytes. */
    private static boolean rawBytesContain(Path file) throws IOException {
        byte[] content = Files.readAllBytes(file);
        for (byte[] needle : List.of(SECRET.getBytes(StandardCharsets.US_ASCII),
                SECRET.getBytes(StandardCharsets.UTF_16BE), SECRET.getBytes(StandardCharsets.UTF_16LE))) {
            if (indexOf(content, needle) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** @return where the secret appears among the string values of every event, walked field by field */
    private static List<String> stringsInEvents(Path jfr) throws IOException {
        List<String> found = new ArrayList<>();
        try (RecordingFile file = new RecordingFile(jfr)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                walk(e, e.getEventType().getName(), found, 0);
            }
        }
        return found;
    }

    private static void walk(Object value, String path, List<String> found, int depth) {
        if (value == null || depth > 8) {
            return;
        }
        if (value instanceof String s) {
            if (s.contains(SECRET)) {
                found.add(path);
            }
        } else if (value instanceof RecordedObject o) {
            for (ValueDescriptor field : o.getFields()) {
                walk(o.getValue(field.getName()), path + "." + field.getName(), found, depth + 1);
            }
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                walk(item, path + "[]", found, depth + 1);
            }
        } else if (value instanceof Object[] array) {
            for (Object item : array) {
                walk(item, path + "[]", found, depth + 1);
            }
        }
    }
}
