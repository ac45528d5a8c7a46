package io.zprof.dumper.jfr.internal;

import io.zprof.support.jfr.JfrSummary;
import io.zprof.support.jfr.SummaryNumbers;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Set;

/**
 * The text form of a thread-creation capture: the stacks that started threads, most threads first, with how many
 * started before the recording (those come from the pre-trigger window) and how many did not end.
 */
final class ThreadStartSummary implements JfrSummary {
    /** Stacks shown. */
    static final int TOP = 20;

    private final Instant recordingStart;

    /**
     * @param recordingStart when the thread-creation recording started (JFR's clock): starts before it come from the
     *                       window; {@code null} when unknown (a file read offline)
     */
    ThreadStartSummary(Instant recordingStart) {
        this.recordingStart = recordingStart;
    }

    @Override
    public void write(Path recording, Path out) throws IOException {
        ThreadStarts starts = new ThreadStarts(recordingStart).read(recording);
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW)) {
            w.write("zprof thread creation (jdk.ThreadStart, with the pre-trigger window's when it is on)\n");
            w.write(starts.total() + " threads started from " + starts.stacks() + " distinct stacks"
                    + (recordingStart == null ? "" : " (" + starts.totalBefore() + " before the recording started at "
                    + recordingStart + ", from the pre-trigger window)") + ", " + starts.span() + "\n");
            int rank = 0;
            for (ThreadStarts.Site site : starts.top(TOP)) {
                w.write("\n#" + ++rank + ": " + site.count + " threads (" + SummaryNumbers.percent(site.count, starts.total())
                        + "), " + (recordingStart == null ? "" : site.before + " before the recording, ") + starts.alive(site)
                        + " not ended; started from " + site.first + " to " + site.last + "; e.g. "
                        + quoted(site.examples) + "; started by " + quoted(site.parents) + "\n");
                if (site.frames.isEmpty()) {
                    w.write("\t(no stack trace recorded)\n");
                }
                for (String f : site.frames) {
                    w.write("\tat " + f + "\n");
                }
            }
        }
    }

    private static String quoted(Set<String> names) {
        return names.isEmpty() ? "?" : "\"" + String.join("\", \"", names) + "\"";
    }
}
