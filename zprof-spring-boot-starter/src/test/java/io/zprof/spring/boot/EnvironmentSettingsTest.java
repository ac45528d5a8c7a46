package io.zprof.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Reading zprof.* from a Spring environment with the property sources Spring Boot gives it. */
class EnvironmentSettingsTest {
    @TempDir
    Path tmp;

    @Test
    void environmentVariablesMeanWhatTheyMeanToTheCoreAndLoseToFiles() {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        env.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("ZPROF_CPU_ABS", "85");
        vars.put("ZPROF_LABELS_SERVICE__TIER", "gold");
        vars.put("ZPROF_PORT", "tcp://10.0.0.11:80"); // Kubernetes, for a Service named zprof
        vars.put("ZPROF_MEMORY_ABS", "60");
        vars.put("PATH", "/usr/bin");
        env.getPropertySources().addLast(new SystemEnvironmentPropertySource("systemEnvironment", vars));
        // an application.yml below the environment variables in Spring's order, and a profile file above it
        env.getPropertySources().addLast(new MapPropertySource("application.yml", Map.of(
                "zprof.memory.abs", "70", "zprof.interval", "${tick:3s}", "zprof.reporters[1]", "pyroscope",
                "zprof.reporters[0]", "http", "other.key", "x")));
        env.getPropertySources().addFirst(new MapPropertySource("application-prod.yml", Map.of("zprof.cpu.abs", "90")));

        Map<String, String> s = EnvironmentSettings.read(env);

        assertEquals("90", s.get("zprof.cpu.abs"));
        assertEquals("60", s.get("zprof.memory.abs"));
        assertEquals("gold", s.get("zprof.labels.service_tier"));
        assertEquals("3s", s.get("zprof.interval"));
        assertEquals("http,pyroscope", s.get("zprof.reporters"));
        assertFalse(s.containsKey("zprof.port"));
        assertEquals(5, s.size(), s.toString());
    }

    @Test
    void aPropertiesFileNamedByZprofConfigFileLiesUnderEverything() throws IOException {
        Path file = tmp.resolve("zprof.properties");
        Files.writeString(file, "zprof.cpu.abs=50\nzprof.cpu.min=5\n");
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("args", Map.of(
                "zprof.config.file", file.toString(), "zprof.cpu.abs", "75")));

        Map<String, String> s = EnvironmentSettings.read(env);

        assertEquals("75", s.get("zprof.cpu.abs"));
        assertEquals("5", s.get("zprof.cpu.min"));
    }
}
