package io.zprof.api.model;

import io.zprof.api.port.DumpOutput;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One capture asked of a dumper.
 *
 * @param kind        what to capture
 * @param eventId     the event this capture belongs to
 * @param rule        the rule that fired
 * @param reason      why it fired
 * @param triggeredAt when it fired
 * @param duration    how long to record, for recording kinds (cpu, alloc, lock, threadcreate)
 * @param binary      write the binary form ({@code .jfr}, {@code .hprof})
 * @param text        write the text form (top frames, histogram, thread dump)
 * @param related     artifacts of earlier captures in the same series (e.g. the previous heap capture's
 *                    histogram, for a diff); empty when none. For {@link DumpKind#REPORT}: every file of this
 *                    event written so far (the report is asked for last)
 * @param output      where to create files; the engine seals and renames them afterwards
 */
public record DumpRequest(DumpKind kind, String eventId, String rule, String reason, Instant triggeredAt,
                          Duration duration, boolean binary, boolean text, List<Path> related, DumpOutput output) {
    /** Defensive copy of {@code related}. */
    public DumpRequest {
        related = related == null ? List.of() : List.copyOf(related);
    }
}
