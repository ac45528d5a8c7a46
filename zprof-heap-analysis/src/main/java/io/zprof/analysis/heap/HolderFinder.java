package io.zprof.analysis.heap;

import java.io.File;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import shark.FilteringLeakingObjectFinder;
import shark.HeapAnalysis;
import shark.HeapAnalysisFailure;
import shark.HeapAnalysisSuccess;
import shark.HeapAnalyzer;
import shark.HeapGraph;
import shark.IgnoredReferenceMatcher;
import shark.Leak;
import shark.LeakTrace;
import shark.LeakTraceObject;
import shark.LeakTraceReference;
import shark.MetadataExtractor;
import shark.ReferenceMatcher;
import shark.ReferencePattern;

/**
 * Traces the sampled instances of one class to the GC roots with shark's {@link HeapAnalyzer}: shortest strong
 * paths, with the retained size of every object on them from the dominators shark computes while it walks the
 * graph. The holder of an instance is read off its path.
 */
final class HolderFinder {
    /** Weak, soft, phantom and final references do not keep anything alive: a path never goes through them. */
    private static final List<ReferenceMatcher> NOT_STRONG = List.of(
            new IgnoredReferenceMatcher(new ReferencePattern.InstanceFieldPattern("java.lang.ref.Reference", "referent")));
    /** Holders kept per class: beyond a few, they are the long tail of JDK internals. */
    private static final int MAX_HOLDERS = 5;
    /** Packages looked through when naming a holder: collections and JDK internals hold for someone else. */
    private static final List<String> PLUMBING = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.", "kotlin.");

    private final HeapGraph graph;
    private final File dump;
    private final Progress progress;

    /**
     * @param graph    the newer dump, open
     * @param dump     its file, for shark's result
     * @param progress told of shark's steps
     */
    HolderFinder(HeapGraph graph, File dump, Progress progress) {
        this.graph = graph;
        this.dump = dump;
        this.progress = progress;
    }

    /**
     * @param className the grown class, for messages
     * @param instances the ids of the instances to trace
     * @return the holders of those instances, most instances first
     */
    List<Holder> holders(String className, Set<Long> instances) {
        HeapAnalyzer analyzer = new HeapAnalyzer(step -> progress.step(className + ": " + step.getHumanReadableName()));
        HeapAnalysis analysis = analyzer.analyze(dump, graph,
                new FilteringLeakingObjectFinder(List.of(o -> instances.contains(o.getObjectId()))), NOT_STRONG, true,
                List.of(), MetadataExtractor.Companion.getNO_OP());
        if (analysis instanceof HeapAnalysisFailure failure) {
            HeapGraphs.rethrowOutOfMemory(failure.getException());
            throw new IllegalStateException("shark could not trace " + className + " in " + dump.getName() + ": "
                    + failure.getException().getMessage(), failure.getException());
        }
        HeapAnalysisSuccess success = (HeapAnalysisSuccess) analysis;
        List<Leak> groups = new ArrayList<>(success.getApplicationLeaks());
        groups.addAll(success.getLibraryLeaks());
        // shark groups the traces by the shape of their path; groups that reach the same holder are merged
        Map<String, Holder> byHolder = new LinkedHashMap<>();
        for (Leak group : groups) {
            Holder h = holder(group.getLeakTraces());
            byHolder.merge(h.describe(), h, (a, b) -> a.withMoreInstances(b.instancesSampled()));
        }
        return byHolder.values().stream().sorted(Comparator.comparingInt(Holder::instancesSampled).reversed()
                .thenComparing(Comparator.comparingLong(Holder::retainedBytes).reversed())).limit(MAX_HOLDERS).toList();
    }

    /**
     * The holder of a group of same-shaped paths: the deepest reference made by an application object whose target
     * retains at least what the group's instances retain (so it holds all of them, not just one), else the
     * outermost application reference, else the first hop from the GC root.
     *
     * @return the index of the holding reference in {@code path}
     */
    private static int holderIndex(List<LeakTraceReference> path, LeakTraceObject leaking, long groupRetained) {
        int outermost = -1;
        for (int i = path.size() - 1; i >= 0; i--) {
            LeakTraceObject origin = path.get(i).getOriginObject();
            if (origin.getType() == LeakTraceObject.ObjectType.ARRAY || plumbing(origin.getClassName())) {
                continue;
            }
            LeakTraceObject held = i + 1 < path.size() ? path.get(i + 1).getOriginObject() : leaking;
            if (orUnknown(held.getRetainedHeapByteSize()) >= groupRetained) {
                return i;
            }
            outermost = i;
        }
        return Math.max(outermost, 0);
    }

    private static boolean plumbing(String className) {
        return PLUMBING.stream().anyMatch(className::startsWith);
    }

    private static Holder holder(List<LeakTrace> traces) {
        // the shortest path of the group stands for it
        LeakTrace trace = traces.stream().min(Comparator.comparingInt(t -> t.getReferencePath().size())).orElseThrow();
        List<LeakTraceReference> refs = trace.getReferencePath();
        if (refs.isEmpty()) {
            // the instance is a GC root itself (a thread's local, a JNI global): it holds itself
            LeakTraceObject self = trace.getLeakingObject();
            return new Holder(self.getClassName(), kind(self), "", self.getClassName(),
                    orUnknown(self.getRetainedHeapByteSize()), orUnknown(self.getRetainedObjectCount()), traces.size(),
                    trace.getGcRootType().getDescription(), List.of(step(self, "")));
        }
        long groupRetained = traces.stream()
                .mapToLong(t -> Math.max(0, orUnknown(t.getLeakingObject().getRetainedHeapByteSize()))).sum();
        int at = holderIndex(refs, trace.getLeakingObject(), groupRetained);
        LeakTraceReference ref = refs.get(at);
        LeakTraceObject held = at + 1 < refs.size() ? refs.get(at + 1).getOriginObject() : trace.getLeakingObject();
        List<PathStep> path = new ArrayList<>();
        for (LeakTraceReference r : refs) {
            path.add(step(r.getOriginObject(), r.getReferenceDisplayName()));
        }
        path.add(step(trace.getLeakingObject(), ""));
        return new Holder(ref.getOriginObject().getClassName(), kind(ref.getOriginObject()), ref.getReferenceDisplayName(),
                held.getClassName(), orUnknown(held.getRetainedHeapByteSize()), orUnknown(held.getRetainedObjectCount()),
                traces.size(), trace.getGcRootType().getDescription(), List.copyOf(path));
    }

    private static PathStep step(LeakTraceObject o, String reference) {
        return new PathStep(o.getClassName(), kind(o), reference, orUnknown(o.getRetainedHeapByteSize()));
    }

    private static String kind(LeakTraceObject o) {
        return switch (o.getType()) {
            case CLASS -> "class";
            case ARRAY -> "array";
            default -> "instance";
        };
    }

    private static long orUnknown(Integer value) {
        return value == null ? -1 : value;
    }
}
