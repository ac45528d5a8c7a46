/**
 * Who holds the heap growth: for the classes that grew most between two HPROF heap dumps, the retained size of
 * the object that holds them and the shortest path from a GC root to a representative instance, computed with
 * LeakCanary's shark. The analysis loads the whole dump into an index: it runs in the {@code zprof} command-line
 * tool or a child process with its own heap limit, never inside the monitored service.
 */
package io.zprof.analysis.heap;
