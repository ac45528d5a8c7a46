/** The OSHI collector's implementation and its provider, found by {@link java.util.ServiceLoader}. Not a public API. */
package io.zprof.collector.oshi.internal;
