package io.zprof.api.model;

/**
 * A request to shrink the process's thread pools after a thread leak was detected.
 *
 * @param currentThreads JVM threads now
 * @param threshold      the configured threshold that was crossed
 * @param shrinkCount    how many threads to take away in this step
 */
public record ShrinkRequest(int currentThreads, int threshold, int shrinkCount) {
}
