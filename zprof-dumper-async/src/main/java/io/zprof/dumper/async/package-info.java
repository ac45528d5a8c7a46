/**
 * Evidence capture with async-profiler: cpu, wall-clock, allocation and lock profiles with native frames, a
 * pre-trigger window that costs next to nothing while the service is idle and, from the window's session, the
 * continuous-profiling chunks for Pyroscope, all written as JFR with the {@code jfr} dumper's text summaries.
 *
 * <p>The module's one public class is its provider, {@code internal.AsyncDumperProvider}, found through
 * {@link java.util.ServiceLoader}; its {@code WALL} constant is the {@code wall} dump kind rules may list.
 */
package io.zprof.dumper.async;
