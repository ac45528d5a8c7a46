package io.zprof.dumper.jfr.internal;

import io.zprof.support.jfr.JfrSummary;
import io.zprof.support.jfr.ProfileSummary;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The text summary a capture writes beside its JFR file, chosen from the file's type prefix
 * ({@code cpu_}, {@code wall_}, {@code alloc_}, {@code lock_}, {@code threadcreate_}, {@code window_},
 * {@code profile_}), for
 * tools that summarise a recording after the fact. Only for {@link io.zprof.dumper.jfr.JfrTextSummaries}.
 */
public final class SummaryByFileType {
    private SummaryByFileType() {
    }

    /**
     * @param recording a JFR file named {@code {type}_...jfr}; an unknown type is summarised as CPU samples
     * @param out       the text file to create
     * @throws IOException when either file cannot be read or written
     */
    public static void write(Path recording, Path out) throws IOException {
        String name = recording.getFileName().toString();
        String type = name.contains("_") ? name.substring(0, name.indexOf('_')) : "";
        JfrSummary summary = type.equals("threadcreate") ? new ThreadStartSummary(null) : ProfileSummary.forType(type);
        summary.write(recording, out);
    }
}
