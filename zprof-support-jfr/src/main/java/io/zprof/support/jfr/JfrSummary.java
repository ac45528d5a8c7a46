package io.zprof.support.jfr;

import java.io.IOException;
import java.nio.file.Path;

/** Turns a JFR file into the text form of a capture. */
public interface JfrSummary {
    /**
     * @param recording a JFR file
     * @param out       the text file to create
     * @throws IOException when either file cannot be read or written
     */
    void write(Path recording, Path out) throws IOException;
}
