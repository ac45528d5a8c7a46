/** Implementation of the {@code async} dumper on async-profiler's Java API ({@code one.profiler.AsyncProfiler}). */
package io.zprof.dumper.async.internal;
