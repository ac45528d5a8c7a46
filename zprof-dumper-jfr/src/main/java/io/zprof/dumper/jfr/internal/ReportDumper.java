package io.zprof.dumper.jfr.internal;

import io.zprof.api.model.DumpKind;
import io.zprof.api.model.DumpOutcome;
import io.zprof.api.model.DumpRequest;
import io.zprof.api.port.Dumper;
import java.io.IOException;

/** Writes the incident report of an event from the files the engine hands over ({@link DumpRequest#related()}). */
final class ReportDumper implements Dumper {
    @Override
    public DumpOutcome dump(DumpRequest request) throws IOException {
        if (request.kind() != DumpKind.REPORT) {
            throw new IllegalArgumentException("the report dumper does not capture " + request.kind().key());
        }
        if (request.related().isEmpty()) {
            return DumpOutcome.skipped("no file to report on");
        }
        ReportWriter.write(request.related(), request.output().newFile("report", "html"));
        return DumpOutcome.done();
    }
}
