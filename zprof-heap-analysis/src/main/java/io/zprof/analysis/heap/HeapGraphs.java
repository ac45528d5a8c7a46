package io.zprof.analysis.heap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import shark.CloseableHeapGraph;
import shark.HprofHeapGraph;
import shark.HprofIndex;

/** Opening an HPROF file with shark, with errors that name the file. */
final class HeapGraphs {
    private HeapGraphs() {
    }

    /**
     * @param dump     an HPROF heap dump
     * @param progress told that indexing starts (the slow part of opening)
     * @return the indexed graph; the caller closes it
     * @throws IOException when the file is missing, unreadable or not an HPROF heap dump
     */
    static CloseableHeapGraph open(Path dump, Progress progress) throws IOException {
        if (!Files.isRegularFile(dump) || !Files.isReadable(dump)) {
            throw new IOException(dump + ": not a readable file");
        }
        progress.step("indexing " + dump.getFileName() + " (" + ByteSizes.of(Files.size(dump)) + ")");
        try {
            return HprofHeapGraph.Companion.openHeapGraph(new MappedHprofSource(dump), null,
                    HprofIndex.Companion.defaultIndexedGcRootTags());
        } catch (RuntimeException e) {
            rethrowOutOfMemory(e);
            throw new IOException(dump + ": not a readable HPROF heap dump (" + e.getMessage() + ")", e);
        }
    }

    /**
     * shark turns an {@link OutOfMemoryError} in its hash maps into a RuntimeException; the caller must see it as
     * what it is, to say that the heap is too small rather than that the dump is bad.
     *
     * @param failure what shark threw
     */
    static void rethrowOutOfMemory(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError oom) {
                throw oom;
            }
        }
    }
}
