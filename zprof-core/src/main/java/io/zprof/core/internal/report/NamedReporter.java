package io.zprof.core.internal.report;

import io.zprof.api.port.Reporter;
import java.util.Objects;

/**
 * A reporter with the name it was configured under ({@code http}, {@code pyroscope}, a third party's).
 *
 * @param name     one lowercase word; also the reporter's spool sub-directory and thread name suffix
 * @param reporter the reporter
 */
public record NamedReporter(String name, Reporter reporter) {
    /** Validates the components. */
    public NamedReporter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reporter, "reporter");
        if (!name.matches("[a-z][a-z0-9]*")) {
            throw new IllegalArgumentException("reporter name '" + name + "' must be one lowercase word");
        }
    }
}
