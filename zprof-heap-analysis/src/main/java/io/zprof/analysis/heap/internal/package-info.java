/**
 * The {@code holders} dumper: the holder analysis of an event's pair of heap dumps, run by the engine after the event
 * in a child JVM with its own heap limit ({@code zprof.dump.heapholders.*}), never inside the monitored service.
 */
package io.zprof.analysis.heap.internal;
