/**
 * The cgroup collector's implementation: allocation-free readers of procfs and cgroupfs files, cgroup v1/v2
 * resolution from mountinfo, and the provider found by {@link java.util.ServiceLoader}. Not a public API.
 */
package io.zprof.collector.cgroup.internal;
