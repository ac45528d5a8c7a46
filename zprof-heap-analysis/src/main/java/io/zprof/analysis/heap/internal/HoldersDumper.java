package io.zprof.analysis.heap.internal;

import io.zprof.api.model.DumpKind;
import io.zprof.api.model.DumpOutcome;
import io.zprof.api.model.DumpRequest;
import io.zprof.api.port.Dumper;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes {@code holders_*.txt} and {@code holders_*.json} for the pair of heap dumps in {@link DumpRequest#related()}
 * (older, newer), computed in a child JVM; the engine seals both files.
 */
final class HoldersDumper implements Dumper {
    private final ChildJvmAnalysis child;

    /** @param child runs the analysis */
    HoldersDumper(ChildJvmAnalysis child) {
        this.child = child;
    }

    @Override
    public DumpOutcome dump(DumpRequest request) throws IOException {
        if (request.kind() != DumpKind.HOLDERS) {
            throw new IllegalArgumentException("the holders dumper does not capture " + request.kind().key());
        }
        if (request.related().size() != 2) {
            throw new IOException("the holder analysis needs the older and the newer heap dump, got " + request.related());
        }
        Path text = request.output().newFile(DumpKind.HOLDERS.key(), "txt");
        Path json = request.output().newFile(DumpKind.HOLDERS.key(), "json");
        child.run(request.related().get(0), request.related().get(1), text, json);
        return DumpOutcome.done();
    }

    /** Kills a child JVM still running. */
    @Override
    public void close() {
        child.killAll();
    }
}
