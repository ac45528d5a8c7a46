package io.zprof.core.internal.report;

import java.nio.file.Path;

/**
 * One event waiting in a reporter's spool: a directory holding {@code event.json} and the event's artifacts.
 *
 * @param seq      order of arrival, also the start of the directory name
 * @param dir      the entry's directory
 * @param bytes    what it counts against the spool cap
 * @param attempts delivery attempts made so far, across rounds and restarts
 */
record SpoolEntry(long seq, Path dir, long bytes, int attempts) {
    /** @param n attempts so far @return a copy */
    SpoolEntry withAttempts(int n) {
        return new SpoolEntry(seq, dir, bytes, n);
    }
}
