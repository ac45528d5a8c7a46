package io.zprof.api.model;

/** Where a sampled number came from, so an engineer can judge how far to trust it. */
public enum MetricSource {
    /** cgroup v2 unified hierarchy files. */
    CGROUP_V2,
    /** cgroup v1 controller files. */
    CGROUP_V1,
    /** Linux procfs of this process. */
    PROCFS,
    /** The host or machine as a whole (no container limit found). */
    HOST,
    /** The OSHI library. */
    OSHI,
    /** A JVM management bean, exact. */
    JVM,
    /** A JVM management bean standing in for a number it cannot see (e.g. committed memory for RSS). */
    JVM_APPROXIMATION,
    /** A value set in zprof's configuration. */
    CONFIGURED,
    /** Computed by the engine from other samples. */
    DERIVED,
    /** Not sampled yet, or no provider supplies it. */
    NONE
}
