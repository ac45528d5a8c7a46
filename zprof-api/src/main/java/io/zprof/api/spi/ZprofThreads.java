package io.zprof.api.spi;

/**
 * How a provider recognises the threads zprof's engine runs (sampler, scheduler, captures, reporters): they all
 * belong to one thread group of this name, which profilers record with each thread. A dumper leaves these threads
 * out of what it writes, so zprof's own waits and work never show in the profiles a person reads.
 */
public enum ZprofThreads {
    ;

    /** The name of the thread group of every thread zprof's engine starts. */
    public static final String GROUP_NAME = "zprof";
}
