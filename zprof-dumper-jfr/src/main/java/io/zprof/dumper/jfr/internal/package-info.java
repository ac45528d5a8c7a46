/**
 * Implementation of the {@code jfr} and {@code hotspot} dumpers. Classes used by the {@code hotspot} dumper never
 * touch {@code jdk.jfr}, so a runtime built without that module still loads it.
 */
package io.zprof.dumper.jfr.internal;
