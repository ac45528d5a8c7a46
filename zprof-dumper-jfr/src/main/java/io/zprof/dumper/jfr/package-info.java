/**
 * Evidence capture with JDK tools ({@code jdk.jfr}, {@code jdk.management}): JFR profiles, the pre-trigger window,
 * continuous-profiling chunks, heap dumps with class histograms and diffs, thread dumps, and the incident report.
 *
 * <p>The engine finds its three providers through {@link java.util.ServiceLoader}.
 * {@code jfr} captures the JFR kinds (cpu, alloc, lock, threadcreate, window, profile_chunk); {@code hotspot}
 * captures heap and thread dumps, which need no JFR, so they still work on a runtime without {@code jdk.jfr};
 * {@code report} writes the incident report of every captured event. The one public class,
 * {@link io.zprof.dumper.jfr.IncidentReport}, (re)builds a report for tools.
 */
package io.zprof.dumper.jfr;
