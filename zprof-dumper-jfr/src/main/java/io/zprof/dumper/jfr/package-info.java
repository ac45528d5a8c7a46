/**
 * Evidence capture with JDK tools only ({@code jdk.jfr}, {@code jdk.management}): JFR profiles, the pre-trigger
 * window, continuous-profiling chunks, heap dumps with class histograms and diffs, and thread dumps.
 *
 * <p>The module has no public classes: the engine finds its two providers through {@link java.util.ServiceLoader}.
 * {@code jfr} captures the JFR kinds (cpu, alloc, lock, threadcreate, window, profile_chunk); {@code hotspot}
 * captures heap and thread dumps, which need no JFR, so they still work on a runtime without {@code jdk.jfr}.
 */
package io.zprof.dumper.jfr;
