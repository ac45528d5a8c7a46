package io.zprof.dumper.async.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way loading async-profiler can fail is a reason, never an exception. */
class NativeLibraryTest {
    @TempDir
    Path dir;

    @Test
    void anUnsupportedPlatformIsAReason() {
        NativeLibrary.Loaded l = NativeLibrary.tryLoad("Windows 11", "amd64", dir, dir.resolve("no-maps"));
        assertNull(l.profiler());
        assertEquals("async-profiler has no native library for Windows 11/amd64 (it ships linux-x64, linux-arm64 and"
                + " macOS)", l.reason());
        assertEquals(Optional.empty(), NativeLibrary.platform("Linux", "s390x"));
        assertEquals(Optional.of("linux-arm64"), NativeLibrary.platform("Linux", "aarch64"));
    }

    @Test
    void anotherAsyncProfilerMappedInTheProcessIsAReason() throws Exception {
        Path maps = dir.resolve("maps");
        Files.writeString(maps, "7f00-7f01 r-xp 00000000 08:01 42 /usr/lib/x86_64-linux-gnu/libc.so.6\n"
                + "7f02-7f03 r-xp 00000000 08:01 43 /tmp/pyroscope/libasyncProfiler-linux-x64-4a5b.so\n");
        NativeLibrary.Loaded l = NativeLibrary.tryLoad("Linux", "amd64", dir, maps);
        assertNull(l.profiler());
        assertTrue(l.reason().startsWith("another async-profiler is already loaded in this process"
                + " (/tmp/pyroscope/libasyncProfiler-linux-x64-4a5b.so)"), l.reason());
    }

    @Test
    void aTemporaryDirectoryItCannotUseIsAReasonNamingIt() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        NativeLibrary.Loaded l = NativeLibrary.tryLoad("Linux", "amd64", notADirectory, dir.resolve("no-maps"));
        assertNull(l.profiler());
        assertTrue(l.reason().startsWith("cannot extract async-profiler's library into a private directory under "
                + notADirectory), l.reason());
    }

    @Test
    void theLibraryIsExtractedIntoADirectoryOnlyItsOwnerCanEnter() throws Exception {
        Path lib = NativeLibrary.extract("/linux-x64/libasyncProfiler.so", dir);
        try {
            assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(lib.getParent()));
            assertEquals(PosixFilePermissions.fromString("r-x------"), Files.getPosixFilePermissions(lib));
            assertTrue(Files.size(lib) > 100_000, "the whole library");
        } finally {
            NativeLibrary.deleteQuietly(lib);
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(0, left.count(), "nothing is left behind once loaded");
        }
    }
}
