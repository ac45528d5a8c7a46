package io.zprof.analysis.heap;

/**
 * One hop of a path from a GC root: the object and the reference it holds to the next one.
 *
 * @param className     the object's class ({@code java.lang.Object[]} for arrays)
 * @param kind          {@code class} (a class object: the reference is a static field), {@code instance} or
 *                      {@code array}
 * @param reference     how it refers to the next object: a field name, {@code [12]} for an array slot, empty for
 *                      the last step
 * @param retainedBytes what this object keeps alive (dominator-based), or -1 when not computed
 */
public record PathStep(String className, String kind, String reference, long retainedBytes) {
}
