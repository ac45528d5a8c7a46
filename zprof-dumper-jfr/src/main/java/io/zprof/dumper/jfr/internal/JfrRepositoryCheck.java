package io.zprof.dumper.jfr.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns, once per JVM, when JFR's repository can be read by other local users while an always-on recording (the
 * pre-trigger window, continuous profiling) keeps its chunks there. The JDK creates the repository with the
 * process's umask, so with the usual 022 every user of the host can read the recorded stacks and class names.
 */
final class JfrRepositoryCheck {
    private static final Logger LOG = LoggerFactory.getLogger(JfrRepositoryCheck.class);
    /** The system property the JDK sets to the repository once a disk recording has started. */
    static final String REPOSITORY_PROPERTY = "jdk.jfr.repository";
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private JfrRepositoryCheck() {
    }

    /** Logs the warning the first time a running always-on recording's repository is readable by others. */
    static void warnOnceIfReadableByOthers() {
        String repository = System.getProperty(REPOSITORY_PROPERTY);
        if (repository == null || WARNED.get()) {
            return;
        }
        exposure(Path.of(repository)).ifPresent(why -> {
            if (WARNED.compareAndSet(false, true)) {
                LOG.warn("{}: other local users can read the recorded stacks and class names while the pre-trigger"
                        + " window or continuous profiling records. Start the JVM with"
                        + " -XX:FlightRecorderOptions:repository=<a private directory>, or with umask 077", why);
            }
        });
    }

    /**
     * @param repository JFR's repository directory
     * @return why users other than the owner can read it (its mode, and how they reach it), or empty when they
     *         cannot or it cannot be told (no POSIX permissions, unreadable attributes)
     */
    static Optional<String> exposure(Path repository) {
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(repository);
            boolean others = mode.contains(PosixFilePermission.OTHERS_EXECUTE)
                    && reachable(repository.getParent(), PosixFilePermission.OTHERS_EXECUTE);
            boolean group = mode.contains(PosixFilePermission.GROUP_EXECUTE)
                    && reachable(repository.getParent(), PosixFilePermission.GROUP_EXECUTE);
            if (!others && !group) {
                return Optional.empty();
            }
            return Optional.of("JFR's repository " + repository + " is " + PosixFilePermissions.toString(mode)
                    + " and reachable by " + (others ? "every local user" : "its group"));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** @return whether every directory from {@code dir} up to the root lets the class traverse it */
    private static boolean reachable(Path dir, PosixFilePermission traverse) throws IOException {
        for (Path d = dir; d != null; d = d.getParent()) {
            if (!Files.getPosixFilePermissions(d).contains(traverse)) {
                return false;
            }
        }
        return true;
    }
}
