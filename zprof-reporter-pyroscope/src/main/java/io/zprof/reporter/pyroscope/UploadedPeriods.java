package io.zprof.reporter.pyroscope;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The periods of the recordings already uploaded. Pyroscope adds every upload at its {@code from}, and JFR writes one
 * stream that every recording running at the time shares, so two uploads covering the same seconds count their
 * samples twice (spec §9, pitfall 14): a pre-trigger window reaching back over an earlier capture, or two rules'
 * captures running together. Bounded: the oldest periods are forgotten first.
 */
final class UploadedPeriods {
    private final int capacity;
    private final Deque<Instant[]> periods = new ArrayDeque<>();

    /** @param capacity periods remembered at most */
    UploadedPeriods(int capacity) {
        this.capacity = capacity;
    }

    /** @return the first remembered period that shares time with {@code [from, until]}, or {@code null} */
    synchronized Instant[] overlapping(Instant from, Instant until) {
        for (Instant[] p : periods) {
            if (from.isBefore(p[1]) && p[0].isBefore(until)) {
                return p;
            }
        }
        return null;
    }

    /** @return the remembered periods, oldest first (copies) */
    synchronized List<Instant[]> all() {
        List<Instant[]> out = new ArrayList<>(periods.size());
        for (Instant[] p : periods) {
            out.add(p.clone());
        }
        return out;
    }

    /** Remembers an uploaded period; one already remembered (read again from the state file) is not added twice. */
    synchronized void add(Instant from, Instant until) {
        for (Instant[] p : periods) {
            if (p[0].equals(from) && p[1].equals(until)) {
                return;
            }
        }
        periods.addLast(new Instant[] {from, until});
        if (periods.size() > capacity) {
            periods.removeFirst();
        }
    }
}
