package io.zprof.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows time-to-evidence measurements of the scenario children (measured, never asserted): logged with a clear
 * label and appended to {@code target/time-to-evidence.txt} with the JDK that ran them.
 */
final class TimeToEvidence {
    private static final Logger LOG = LoggerFactory.getLogger(TimeToEvidence.class);

    private TimeToEvidence() {
    }

    static void report(JsonNode measure) throws IOException {
        String line = "TIME TO EVIDENCE [" + measure.path("what").asText() + ", JDK " + Runtime.version() + "] "
                + measure;
        LOG.info(line);
        Path file = Path.of(System.getProperty("basedir", "."), "target", "time-to-evidence.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
