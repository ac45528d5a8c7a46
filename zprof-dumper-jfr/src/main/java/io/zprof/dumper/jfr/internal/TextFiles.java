package io.zprof.dumper.jfr.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Writing a text artefact to a path handed out by the engine, with an error that says what and where. */
final class TextFiles {
    private TextFiles() {
    }

    /**
     * @param target a path that does not exist yet
     * @param text   the content, written as UTF-8
     * @param what   what the file is, for the error message
     * @throws IOException when the file exists already or cannot be written
     */
    static void write(Path target, String text, String what) throws IOException {
        try {
            Files.writeString(target, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        } catch (IOException e) {
            throw new IOException("cannot write " + what + " to " + target + ": " + e, e);
        }
    }
}
