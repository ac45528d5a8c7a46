package io.zprof.dumper.jfr;

import io.zprof.dumper.jfr.internal.SummaryByFileType;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The dumper's text summaries (top frames, allocation and lock tables, thread-creation stacks) for a JFR file
 * already on disk, as the {@code zprof summary} command prints them for a recording written without its text form.
 */
public final class JfrTextSummaries {
    private JfrTextSummaries() {
    }

    /**
     * @param recording a JFR file; its name's type prefix ({@code cpu_}, {@code alloc_}, {@code lock_},
     *                  {@code threadcreate_}, {@code window_}, {@code profile_}) chooses the summary
     * @param out       the text file to create (must not exist)
     * @throws IOException when the recording cannot be read or the summary written
     */
    public static void write(Path recording, Path out) throws IOException {
        SummaryByFileType.write(recording, out);
    }
}
