package io.zprof.api.model;

import java.util.Map;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * A request to shrink the application's registered thread pools after a thread leak was detected.
 *
 * @param currentThreads JVM threads now
 * @param threshold      the configured threshold that was crossed
 * @param shrinkCount    how many threads to take away in this step
 * @param pools          the pools the application registered, by name
 */
public record ShrinkRequest(int currentThreads, int threshold, int shrinkCount, Map<String, ThreadPoolExecutor> pools) {
    /** Defensive copy. */
    public ShrinkRequest {
        pools = Map.copyOf(pools);
    }
}
