package io.zprof.api.planted;

import java.time.Duration;

/** Planted compliant class: an API value that uses the JDK only. */
public record DependsOnJdkOnly(Duration period) {
}
