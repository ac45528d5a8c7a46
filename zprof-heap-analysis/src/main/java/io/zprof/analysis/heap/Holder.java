package io.zprof.analysis.heap;

import java.util.List;

/**
 * The object that holds instances of a grown class, as the shortest paths from the GC roots show it: the nearest
 * application object on the path (JDK collections, arrays and JDK internals are looked through), or the first
 * object after the GC root when the path has none.
 *
 * @param ownerClass        the class that holds the reference, e.g. {@code com.example.Cache}
 * @param ownerKind         {@code class} when the reference is a static field, else {@code instance}
 * @param reference         the field (or array slot) that holds the growth, e.g. {@code LEAK}; empty when the
 *                          instance is a GC root itself
 * @param heldClass         the class of the object that field refers to, e.g. {@code java.util.HashMap}
 * @param retainedBytes     what the held object keeps alive (dominator-based), or -1 when not computed
 * @param retainedObjects   how many objects that is, or -1
 * @param instancesSampled  how many of the analysed instances of the grown class were reached through this holder
 * @param gcRoot            the kind of GC root the path starts at, e.g. {@code System class}
 * @param path              the shortest path from that root to a representative instance of the grown class
 */
public record Holder(String ownerClass, String ownerKind, String reference, String heldClass, long retainedBytes,
        long retainedObjects, int instancesSampled, String gcRoot, List<PathStep> path) {
    /** @return e.g. {@code com.example.Cache.LEAK (static field)}, or the class of an instance that is a GC root */
    public String describe() {
        if (reference.isEmpty()) {
            return ownerClass + " (itself a GC root)";
        }
        String sep = reference.startsWith("[") ? "" : ".";
        return ownerClass + sep + reference + ("class".equals(ownerKind) ? " (static field)" : "");
    }

    /**
     * @param more instances reached through the same holder on paths of another shape
     * @return this holder with them counted
     */
    public Holder withMoreInstances(int more) {
        return new Holder(ownerClass, ownerKind, reference, heldClass, retainedBytes, retainedObjects,
                instancesSampled + more, gcRoot, path);
    }
}
