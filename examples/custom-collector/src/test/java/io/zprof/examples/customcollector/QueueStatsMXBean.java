package io.zprof.examples.customcollector;

/** What the application under test publishes about its work queue, as a management bean. */
public interface QueueStatsMXBean {
    /** @return how many items wait in the queue */
    int getSize();
}
