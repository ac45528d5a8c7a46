package io.zprof.api.config;

/** How the GC-heap rule learns about collections. */
public enum GcMonitorMode {
    /** JMX GC notifications: zero polling, timing follows the GC (the original's "finalizer mode"). For production. */
    NOTIFICATION,
    /** Forces a GC every second and checks; immediate but costly. For tests. */
    POLL
}
