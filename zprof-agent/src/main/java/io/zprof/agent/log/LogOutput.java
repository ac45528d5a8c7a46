package io.zprof.agent.log;

import io.zprof.api.config.ConfigurationException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Locale;
import org.slf4j.event.Level;

/**
 * Where zprof's own log lines go under the agent: the process's standard error (the default) or
 * {@code zprof-agent.log} in the dump directory (0600, one previous file kept as {@code .1} past
 * {@link #MAX_FILE_BYTES}), from level {@code zprof.agent.log.level} up. The application's logging is never touched.
 */
public final class LogOutput {
    /** A log file is moved to {@code .1} past this size, so that a loop of warnings cannot fill the disk. */
    static final long MAX_FILE_BYTES = 10L << 20;
    /** The log file's name in the dump directory. */
    public static final String FILE_NAME = "zprof-agent.log";

    private static final Object LOCK = new Object();
    private static volatile Level threshold = Level.INFO;
    // guarded by LOCK; null: standard error
    private static Path file;
    private static OutputStream fileOut;
    private static long fileBytes;

    private LogOutput() {
    }

    /**
     * @param level  {@code error}, {@code warn}, {@code info}, {@code debug} or {@code trace}
     * @param target {@code stderr}, or {@code file} for {@link #FILE_NAME} in {@code dumpDirectory}
     * @param dumpDirectory the dump directory (created 0700 when missing)
     * @throws ConfigurationException naming {@code zprof.agent.log.level} or {@code zprof.agent.log.target}
     */
    public static void configure(String level, String target, Path dumpDirectory) {
        Level parsed = parseLevel(level);
        synchronized (LOCK) {
            switch (target.toLowerCase(Locale.ROOT)) {
                case "stderr" -> closeFile();
                case "file" -> openFile(dumpDirectory.resolve(FILE_NAME));
                default -> throw new ConfigurationException("zprof.agent.log.target", target, "expected stderr or file");
            }
            threshold = parsed;
        }
    }

    private static Level parseLevel(String level) {
        try {
            return Level.valueOf(level.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("zprof.agent.log.level", level, "expected error, warn, info, debug or trace");
        }
    }

    /** Back to standard error, closing the log file: on detach. */
    public static void reset() {
        synchronized (LOCK) {
            closeFile();
            threshold = Level.INFO;
        }
    }

    /** @param level a level @return whether lines of it are written */
    static boolean enabled(Level level) {
        return level.toInt() >= threshold.toInt();
    }

    /**
     * @param level   the line's level
     * @param logger  the logger's name
     * @param message the formatted message
     * @param error   a throwable, or {@code null}
     */
    static void write(Level level, String logger, String message, Throwable error) {
        StringBuilder line = new StringBuilder(128).append(Instant.now()).append(" zprof ")
                .append(String.format(Locale.ROOT, "%-5s", level)).append(" [").append(Thread.currentThread().getName())
                .append("] ").append(logger.substring(logger.lastIndexOf('.') + 1)).append(" - ").append(message)
                .append(System.lineSeparator());
        if (error != null) {
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            line.append(trace);
        }
        byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
        synchronized (LOCK) {
            if (fileOut == null) {
                PrintStream err = System.err;
                err.write(bytes, 0, bytes.length);
                err.flush();
                return;
            }
            try {
                if (fileBytes + bytes.length > MAX_FILE_BYTES) {
                    rotate();
                }
                fileOut.write(bytes);
                fileOut.flush();
                fileBytes += bytes.length;
            } catch (IOException e) {
                // a full disk must not stop the application: the line goes to standard error instead
                System.err.write(bytes, 0, bytes.length);
            }
        }
    }

    private static void openFile(Path path) {
        if (path.equals(file)) {
            return;
        }
        closeFile();
        try {
            Path dir = path.getParent();
            boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            if (!Files.isDirectory(dir)) {
                if (posix) {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(dir);
                }
            }
            if (!Files.exists(path) && posix) {
                Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            fileOut = Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            fileBytes = Files.size(path);
            file = path;
        } catch (IOException e) {
            throw new ConfigurationException("zprof.agent.log.target", "file", "cannot write " + path + ": " + e);
        }
    }

    private static void rotate() throws IOException {
        fileOut.close();
        Files.move(file, file.resolveSibling(FILE_NAME + ".1"), StandardCopyOption.REPLACE_EXISTING);
        Path path = file;
        file = null;
        openFile(path);
    }

    private static void closeFile() {
        if (fileOut != null) {
            try {
                fileOut.close();
            } catch (IOException ignored) {
                // nothing more can be logged about the log
            }
            fileOut = null;
            file = null;
        }
    }
}
