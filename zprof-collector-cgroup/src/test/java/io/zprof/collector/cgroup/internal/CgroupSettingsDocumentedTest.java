package io.zprof.collector.cgroup.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every scoped key the cgroup collector reads is in the README's configuration table. */
class CgroupSettingsDocumentedTest {

    @Test
    void everyKeyIsInTheReadmesConfigurationTable() throws IOException {
        // surefire runs in the module's directory; the README is the project's
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        for (String key : CgroupSettings.KEYS) {
            String row = "| `zprof.collector.cgroup." + key + "` |";
            assertTrue(readme.contains(row), "README.md has no configuration row " + row);
        }
    }
}
