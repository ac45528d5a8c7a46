package io.zprof.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * One event's evidence in a dump directory: every file named {@code {type}_{yyyyMMdd-HHmmss}_{eventId}.{ext}}.
 *
 * @param eventId the event's id
 * @param rule    the rule that fired, or {@code ?} when the bundle has no timeline
 * @param time    when it fired (from the timeline, else the file names' stamp)
 * @param reason  the rule's reason text, or empty
 * @param files   the bundle's files, in name order
 */
record Bundle(String eventId, String rule, Instant time, String reason, List<Path> files) {
}
