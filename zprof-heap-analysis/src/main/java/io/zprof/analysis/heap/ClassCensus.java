package io.zprof.analysis.heap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import shark.HeapGraph;
import shark.HeapObject;

/** Instances and shallow bytes per class of one heap dump, from one pass over its objects. */
final class ClassCensus {
    /** Instances and shallow bytes of one class. */
    record Totals(long instances, long bytes) {
        Totals plus(Totals o) {
            return new Totals(instances + o.instances, bytes + o.bytes);
        }
    }

    private ClassCensus() {
    }

    /**
     * @param graph an open heap dump
     * @return totals by class name; class objects themselves are not counted
     */
    static Map<String, Totals> count(HeapGraph graph) {
        Map<String, Totals> totals = new HashMap<>();
        for (Iterator<HeapObject> it = graph.getObjects().iterator(); it.hasNext(); ) {
            HeapObject o = it.next();
            String name = className(o);
            if (name != null) {
                totals.merge(name, new Totals(1, shallowSize(o)), Totals::plus);
            }
        }
        return totals;
    }

    /**
     * @param graph   an open heap dump
     * @param classes the classes to sample
     * @param limit   the most instances to keep per class
     * @return the ids of the largest instances of each class (ties: the first in the dump)
     */
    static Map<String, Set<Long>> largestInstances(HeapGraph graph, Set<String> classes, int limit) {
        Comparator<long[]> bySize = Comparator.comparingLong(a -> a[1]);
        Map<String, PriorityQueue<long[]>> kept = new HashMap<>();
        for (Iterator<HeapObject> it = graph.getObjects().iterator(); it.hasNext(); ) {
            HeapObject o = it.next();
            String name = className(o);
            if (name == null || !classes.contains(name)) {
                continue;
            }
            PriorityQueue<long[]> q = kept.computeIfAbsent(name, n -> new PriorityQueue<>(bySize));
            q.add(new long[] {o.getObjectId(), shallowSize(o)});
            if (q.size() > limit) {
                q.poll();
            }
        }
        Map<String, Set<Long>> ids = new HashMap<>();
        kept.forEach((name, q) -> {
            List<Long> list = new ArrayList<>();
            q.forEach(a -> list.add(a[0]));
            ids.put(name, Set.copyOf(list));
        });
        return ids;
    }

    private static String className(HeapObject o) {
        if (o instanceof HeapObject.HeapInstance i) {
            return i.getInstanceClassName();
        }
        if (o instanceof HeapObject.HeapObjectArray a) {
            return a.getArrayClassName();
        }
        if (o instanceof HeapObject.HeapPrimitiveArray p) {
            return p.getArrayClassName();
        }
        return null;
    }

    private static long shallowSize(HeapObject o) {
        if (o instanceof HeapObject.HeapInstance i) {
            return i.getByteSize();
        }
        if (o instanceof HeapObject.HeapObjectArray a) {
            return a.getByteSize();
        }
        return ((HeapObject.HeapPrimitiveArray) o).getByteSize();
    }
}
